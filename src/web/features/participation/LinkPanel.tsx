import { Anchor, Badge, Button, Checkbox, CopyButton, Group, Paper, SimpleGrid, Skeleton, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_QUESTIONS, PUBLIC_FIELDS, type PublicField } from '../../../domain/participation.ts';
import { post, put } from '../../api.ts';
import { useCan } from '../../session.ts';
import { ErrorAlert, useServerErrors } from '../../ui/errors.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import type { Activity } from '../activities/api.ts';
import { type RegistrationLink, linkKey } from './api.ts';

type Draft = {
  enabled: boolean;
  fields: Record<PublicField, { on: boolean; required: boolean }>;
  questions: { id: string; label: string; required: boolean }[];
  closesAt: string;
};

/** An ISO instant as a datetime-local value in this browser's time, and back. */
const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (v: string) => (v ? new Date(v).toISOString() : null);

function draftOf(link: RegistrationLink | null): Draft {
  const fields = Object.fromEntries(PUBLIC_FIELDS.map((f) => [f, { on: false, required: false }])) as Draft['fields'];
  if (!link) {
    // a sensible first form: a phone to reach them, sex and birth year for the statistics
    fields.phone = { on: true, required: true };
    fields.sex = { on: true, required: false };
    fields.birthYear = { on: true, required: false };
  } else for (const f of link.fields) fields[f.field] = { on: true, required: f.required };
  return { enabled: link?.enabled ?? true, fields, questions: link?.questions ?? [], closesAt: toLocalInput(link?.closesAt ?? null) };
}

/** The activity's public registration link: the address to share, and the form it opens. */
export function LinkPanel({ activity, link, loading }: { activity: Activity; link: RegistrationLink | null; loading: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const f = useFormat();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => draftOf(link));
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();
  const writable = can('activities.write');
  if (loading) return <Skeleton h={80} />;

  const save = async (e?: FormEvent, d: Draft = draft) => {
    e?.preventDefault();
    setBusy(true);
    errors.clear();
    try {
      const saved = await put<RegistrationLink>(`/api/activities/${activity.id}/registration-link`, {
        enabled: d.enabled,
        fields: PUBLIC_FIELDS.filter((x) => d.fields[x].on).map((x) => ({ field: x, required: d.fields[x].required })),
        questions: d.questions.filter((q) => q.label.trim()).map((q) => ({ ...q, label: q.label.trim() })),
        closesAt: fromLocalInput(d.closesAt),
        ...(link ? { version: link.version } : {}),
      });
      qc.setQueryData(linkKey(activity.id), { link: saved });
      void qc.invalidateQueries({ queryKey: ['history', 'activity', activity.id] });
      setDraft(draftOf(saved));
      setEditing(false);
      notify({ color: 'brand', message: link ? t('participation.link.saved') : t('participation.link.created') });
    } catch (err) {
      errors.capture(err);
    } finally {
      setBusy(false);
    }
  };
  const rotate = () =>
    modals.openConfirmModal({
      title: t('participation.link.rotateTitle'),
      closeButtonProps: { 'aria-label': t('common.close') },
      children: <Text size="sm">{t('participation.link.rotateConfirm')}</Text>,
      labels: { confirm: t('participation.link.rotate'), cancel: t('common.cancel') },
      onConfirm: async () => {
        try {
          const saved = await post<RegistrationLink>(`/api/activities/${activity.id}/registration-link/rotate`, { version: link!.version });
          qc.setQueryData(linkKey(activity.id), { link: saved });
          setDraft(draftOf(saved));
          notify({ color: 'brand', message: t('participation.link.rotated') });
        } catch (err) {
          notify({ color: 'red', message: (err as Error).message });
        }
      },
    });
  const setField = (x: PublicField, v: Partial<{ on: boolean; required: boolean }>) => setDraft((d) => ({ ...d, fields: { ...d.fields, [x]: { ...d.fields[x], ...v, ...(v.on === false ? { required: false } : {}) } } }));
  const nextQid = () => `q${[1, 2, 3, 4, 5, 6, 7, 8, 9].find((n) => !draft.questions.some((q) => q.id === `q${n}`))}`;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="link-title" data-testid="link-panel">
      <Group justify="space-between" gap="xs" mb={6}>
        <Title order={2} fz="md" id="link-title">
          {t('participation.link.title')}
        </Title>
        {link && (
          <Badge color={link.enabled ? 'teal' : 'gray'} variant="light" tt="none">
            {link.enabled ? t('participation.link.on') : t('participation.link.off')}
          </Badge>
        )}
      </Group>
      {!link ? (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('participation.link.intro')}
          </Text>
          {writable && activity.status !== 'cancelled' && (
            <Group>
              <Button size="sm" onClick={() => void save(undefined, draftOf(null))} loading={busy}>
                {t('participation.link.create')}
              </Button>
            </Group>
          )}
          <ErrorAlert error={errors.error} />
        </Stack>
      ) : (
        <Stack gap="xs">
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput label={t('participation.link.address')} value={link.url} readOnly style={{ flex: 1, minWidth: 0 }} data-testid="link-url" onFocus={(e) => e.currentTarget.select()} />
            <CopyButton value={link.url}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="xs" c="dimmed">
            {[
              link.fields.length ? t('participation.link.asks', { fields: link.fields.map((x) => t(`participation.field.${x.field}`).toLowerCase()).join(', ') }) : t('participation.link.asksNameOnly'),
              link.questions.length ? t('participation.link.questionsCount', { count: link.questions.length }) : null,
              link.closesAt ? t('participation.link.closesAt', { when: f.dateTime(link.closesAt) }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          <Group gap="xs">
            <Anchor href={link.url} target="_blank" rel="noopener" size="sm">
              {t('participation.link.open')}
            </Anchor>
            {writable && (
              <>
                <Button size="compact-sm" variant="subtle" onClick={() => setEditing((x) => !x)} aria-expanded={editing}>
                  {t('participation.link.settings')}
                </Button>
                <Button size="compact-sm" variant="subtle" color="gray" onClick={rotate}>
                  {t('participation.link.rotate')}
                </Button>
              </>
            )}
          </Group>
          {editing && (
            <form onSubmit={save} noValidate aria-label={t('participation.link.settings')}>
              <Stack gap="sm" mt="xs">
                <ErrorAlert error={errors.error} />
                <Switch label={t('participation.link.enabled')} checked={draft.enabled} onChange={(e) => setDraft((d) => ({ ...d, enabled: e.currentTarget.checked }))} />
                <Text size="sm" fw={600}>
                  {t('participation.link.fields')}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('participation.link.fieldsHelp')}
                </Text>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6}>
                  {PUBLIC_FIELDS.map((x) => (
                    <Group key={x} gap="sm" wrap="nowrap">
                      <Checkbox label={t(`participation.field.${x}`)} checked={draft.fields[x].on} onChange={(e) => setField(x, { on: e.currentTarget.checked })} />
                      <Checkbox
                        size="xs"
                        label={t('participation.link.required')}
                        disabled={!draft.fields[x].on}
                        checked={draft.fields[x].required}
                        onChange={(e) => setField(x, { required: e.currentTarget.checked })}
                        aria-label={`${t(`participation.field.${x}`)}: ${t('participation.link.required')}`}
                      />
                    </Group>
                  ))}
                </SimpleGrid>
                <Text size="sm" fw={600}>
                  {t('participation.link.questions')}
                </Text>
                {draft.questions.map((q, i) => (
                  <Group key={q.id} gap="xs" align="flex-end" wrap="nowrap">
                    <TextInput
                      style={{ flex: 1 }}
                      label={t('participation.link.question', { n: i + 1 })}
                      value={q.label}
                      maxLength={200}
                      error={errors.field(`questions.${i}.label`)}
                      onChange={(e) => {
                        const label = e.currentTarget.value;
                        setDraft((d) => ({ ...d, questions: d.questions.map((x) => (x.id === q.id ? { ...x, label } : x)) }));
                      }}
                    />
                    <Checkbox
                      mb={8}
                      size="xs"
                      label={t('participation.link.required')}
                      checked={q.required}
                      onChange={(e) => {
                        const required = e.currentTarget.checked;
                        setDraft((d) => ({ ...d, questions: d.questions.map((x) => (x.id === q.id ? { ...x, required } : x)) }));
                      }}
                    />
                    <Button variant="subtle" color="red" size="compact-sm" mb={6} onClick={() => setDraft((d) => ({ ...d, questions: d.questions.filter((x) => x.id !== q.id) }))} aria-label={t('participation.link.removeQuestion', { n: i + 1 })}>
                      ×
                    </Button>
                  </Group>
                ))}
                {draft.questions.length < MAX_QUESTIONS && (
                  <Group>
                    <Button size="compact-sm" variant="default" onClick={() => setDraft((d) => ({ ...d, questions: [...d.questions, { id: nextQid(), label: '', required: false }] }))}>
                      {t('participation.link.addQuestion')}
                    </Button>
                  </Group>
                )}
                <TextInput type="datetime-local" label={t('participation.link.closes')} description={t('participation.link.closesHelp')} value={draft.closesAt} onChange={(e) => setDraft((d) => ({ ...d, closesAt: e.currentTarget.value }))} maw={280} error={errors.field('closesAt')} />
                <Group justify="flex-end" gap="sm">
                  <Button
                    variant="default"
                    onClick={() => {
                      setDraft(draftOf(link));
                      setEditing(false);
                    }}
                  >
                    {t('common.cancel')}
                  </Button>
                  <Button type="submit" loading={busy}>
                    {t('common.save')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </Stack>
      )}
    </Paper>
  );
}
