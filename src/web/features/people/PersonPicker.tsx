import { Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api.ts';
import { AreaCascade } from '../../ui/AreaCascade.tsx';
import { ErrorAlert, useServerErrors } from '../../ui/errors.tsx';
import { IconPlus, IconSearch } from '../../ui/icons.tsx';
import { DuplicateCheck } from '../duplicates/DuplicateCheck.tsx';
import type { PeoplePage, Person } from './api.ts';
import { areaText, sexOptions } from './labels.ts';
import { type PersonFormValues, initialValues, toPayload } from './PersonForm.tsx';

export type PickedPerson = Pick<Person, 'id' | 'fullName'>;

/** "Perempuan · 34 th · Desa Sukamaju · …7890": enough to tell namesakes apart, no NIK. */
export function personFacts(t: (k: string, o?: Record<string, unknown>) => string, p: Pick<Person, 'sex' | 'age' | 'birthYear' | 'area' | 'phone'>): string {
  return [
    p.sex ? t(`sex.${p.sex}`) : null,
    p.age != null ? t('picker.age', { age: p.age }) : p.birthYear ? t('person.aboutYear', { year: p.birthYear }) : null,
    p.area.length ? p.area[p.area.length - 1].name : null,
    p.phone ? `…${p.phone.slice(-4)}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The quick add: a new person with the few details a registration desk asks, and the registry's
 * duplicate check while typing — a candidate can be taken instead of adding a record twice.
 */
export function QuickAddPerson({ initialName = '', consentPurpose, submitLabel, onSaved, onCancel }: { initialName?: string; consentPurpose?: string; submitLabel: string; onSaved: (p: PickedPerson) => void | Promise<void>; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState<PersonFormValues>(() => ({ ...initialValues(), fullName: initialName, consentPurpose: consentPurpose ?? '' }));
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();
  const set = <K extends keyof PersonFormValues>(k: K, value: PersonFormValues[K]) => setV((p) => ({ ...p, [k]: value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    errors.clear();
    try {
      const created = await post<Person>('/api/people', toPayload(v));
      await onSaved({ id: created.id, fullName: created.fullName });
    } catch (err) {
      errors.capture(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} noValidate aria-label={t('picker.addTitle')} data-testid="quick-add">
      <Stack gap="sm">
        <Title order={3} fz="md">
          {t('picker.addTitle')}
        </Title>
        <ErrorAlert error={errors.error} shown={['fullName', 'sex', 'birthYear', 'phone', 'areaCode']} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
          <TextInput label={t('fields.fullName')} required value={v.fullName} onChange={(e) => set('fullName', e.currentTarget.value)} error={errors.field('fullName')} maxLength={200} autoComplete="off" data-autofocus />
          <NativeSelect label={t('fields.sex')} value={v.sex} onChange={(e) => set('sex', e.currentTarget.value)} error={errors.field('sex')} data={[{ value: '', label: t('common.unknown') }, ...sexOptions(t)]} />
          <TextInput
            label={t('fields.birthYear')}
            type="number"
            inputMode="numeric"
            min={1900}
            max={new Date().getFullYear()}
            value={v.birthYear}
            onChange={(e) => set('birthYear', e.currentTarget.value)}
            error={errors.field('birthYear')}
          />
          <TextInput label={t('fields.phone')} type="tel" value={v.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={errors.field('phone')} autoComplete="off" placeholder="0812 3456 7890" />
        </SimpleGrid>
        <AreaCascade value={v.areaCode} onChange={(code) => set('areaCode', code)} error={errors.field('areaCode')} />
        <DuplicateCheck values={v} onUse={(p) => void onSaved({ id: p.id, fullName: p.fullName })} useLabel={t('picker.useThis')} />
        <Checkbox label={t('picker.consent')} checked={v.consentGiven} onChange={(e) => set('consentGiven', e.currentTarget.checked)} />
        <Group justify="flex-end" gap="sm">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/**
 * Find a person in the registry as you type and act on them (register, check in), or add them on
 * the spot with the duplicate check. Used by the registrations tab, the attendance tab and the
 * check-in screen's walk-ins.
 */
export function PersonPicker({
  actionLabel,
  addLabel,
  onPick,
  busyId,
  exclude,
  consentPurpose,
}: {
  /** the button beside each person found */
  actionLabel: string;
  /** the quick add's save button */
  addLabel: string;
  onPick: (p: PickedPerson) => void | Promise<void>;
  busyId?: string | null;
  /** people already done: shown without the button */
  exclude?: Map<string, string>;
  consentPurpose?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const listId = useId();
  const search = useQuery({
    queryKey: ['people', 'pick', debounced],
    queryFn: () => get<PeoplePage>('/api/people', { q: debounced, limit: 8 }),
    enabled: debounced.length >= 2,
    placeholderData: keepPreviousData,
  });
  const items = debounced.length >= 2 ? (search.data?.items ?? []) : [];

  if (adding) {
    return (
      <QuickAddPerson
        initialName={q.trim()}
        consentPurpose={consentPurpose}
        submitLabel={addLabel}
        onCancel={() => setAdding(false)}
        onSaved={async (p) => {
          await onPick(p);
          setAdding(false);
          setQ('');
        }}
      />
    );
  }
  return (
    <Stack gap="xs" data-testid="person-picker">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          label={t('picker.search')}
          placeholder={t('picker.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          autoComplete="off"
          aria-controls={listId}
        />
        <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
          {t('picker.addNew')}
        </Button>
      </Group>
      <div id={listId} aria-live="polite">
        {debounced.length >= 2 && search.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('picker.noMatch')}
          </Text>
        )}
        {items.length > 0 && (
          <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {items.map((p) => (
              <Group key={p.id} component="li" justify="space-between" gap="xs" wrap="nowrap" py={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }} data-testid="picker-result">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {p.fullName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {personFacts(t, p) || areaText(p.area) || '—'}
                  </Text>
                </div>
                {exclude?.has(p.id) ? (
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {exclude.get(p.id)}
                  </Text>
                ) : (
                  <Button size="xs" onClick={() => void onPick({ id: p.id, fullName: p.fullName })} loading={busyId === p.id} aria-label={`${actionLabel}: ${p.fullName}`}>
                    {actionLabel}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </div>
    </Stack>
  );
}
