import { Alert, Button, Group, Paper, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patch } from '../../api.ts';
import { type Org, meQuery, orgQuery, useCan } from '../../session.ts';
import { ErrorAlert, useServerErrors } from '../../ui/errors.tsx';
import { notify } from '../../ui/notify.ts';
import { DuplicateSettings } from '../duplicates/DuplicateSettings.tsx';
import { LogoSettings } from './LogoSettings.tsx';

function OrgForm({ org, onReload }: { org: Org; onReload: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [name, setName] = useState(org.name);
  const [timeZone, setTimeZone] = useState<string | null>(org.timeZone);
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();
  const zones = useMemo(() => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'UTC']), []);
  const readOnly = !can('org.update');
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    errors.clear();
    try {
      const saved = await patch<Org>('/api/org', { name, timeZone: timeZone ?? undefined, version: org.version });
      qc.setQueryData(orgQuery.queryKey, saved);
      await qc.invalidateQueries({ queryKey: meQuery.queryKey });
      notify({ color: 'brand', message: t('settings.org.saved') });
    } catch (err) {
      errors.capture(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Paper withBorder p="md" maw={640}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['name', 'timeZone']} />
          {errors.error?.code === 'version_conflict' && (
            <Alert color="orange">
              <Button size="xs" variant="default" onClick={onReload}>
                {t('common.reload')}
              </Button>
            </Alert>
          )}
          <TextInput label={t('org.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.field('name')} readOnly={readOnly} required />
          <TextInput label={t('org.slug')} value={org.slug} readOnly description={t('settings.org.slugFixed')} />
          <Select label={t('settings.org.timeZone')} data={zones} value={timeZone} onChange={setTimeZone} searchable error={errors.field('timeZone')} readOnly={readOnly} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
          {!readOnly && (
            <Group justify="flex-end">
              <Button type="submit" loading={busy}>
                {t('common.save')}
              </Button>
            </Group>
          )}
          {readOnly && (
            <Text size="sm" c="dimmed">
              {t('settings.readOnly')}
            </Text>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

export function OrganizationTab() {
  const q = useQuery(orgQuery);
  if (!q.data) return q.error ? <Text c="red">{q.error.message}</Text> : <Skeleton h={200} />;
  return (
    <>
      <OrgForm key={q.data.version} org={q.data} onReload={() => void q.refetch()} />
      <LogoSettings org={q.data} />
      <DuplicateSettings />
    </>
  );
}
