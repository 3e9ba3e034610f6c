import { Alert, Button, Checkbox, Fieldset, Group, List, NativeSelect, Select, SimpleGrid, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonCreate, PersonUpdate } from '../../../domain/contracts/people.ts';
import { type ApiError, get } from '../../api.ts';
import { AreaCascade } from '../../ui/AreaCascade.tsx';
import { ErrorAlert, useServerErrors } from '../../ui/errors.tsx';
import { DuplicateCheck } from '../duplicates/DuplicateCheck.tsx';
import type { HouseholdsPage, Person } from './api.ts';
import { WG_DOMAINS, relationshipOptions, roleOptions, sexOptions, wgAnswerOptions } from './labels.ts';

type Wg = (typeof WG_DOMAINS)[number];
export type PersonFormValues = {
  fullName: string;
  preferredName: string;
  sex: string;
  birthDate: string;
  birthYear: string;
  nik: string;
  phone: string;
  email: string;
  address: string;
  areaCode: string | null;
  disability: Record<Wg, string>;
  welfareDecile: string;
  roles: string[];
  tags: string[];
  consentGiven: boolean;
  consentDate: string;
  consentPurpose: string;
  notes: string;
  householdId: string | null;
  householdName: string | null;
  relationship: string;
};

const emptyWg = () => Object.fromEntries(WG_DOMAINS.map((d) => [d, ''])) as Record<Wg, string>;

export function initialValues(p?: Person | null, preset?: { householdId?: string; householdName?: string | null; relationship?: string }): PersonFormValues {
  return {
    fullName: p?.fullName ?? '',
    preferredName: p?.preferredName ?? '',
    sex: p?.sex ?? '',
    birthDate: p?.birthDate ?? '',
    birthYear: p && !p.birthDate && p.birthYear ? String(p.birthYear) : '',
    nik: '',
    phone: p?.phone ?? '',
    email: p?.email ?? '',
    address: p?.address ?? '',
    areaCode: p?.areaCode ?? null,
    disability: { ...emptyWg(), ...Object.fromEntries(Object.entries(p?.disability ?? {}).map(([k, v]) => [k, v ? String(v) : ''])) },
    welfareDecile: p?.welfareDecile ? String(p.welfareDecile) : '',
    roles: p?.roles ?? [],
    tags: p?.tags ?? [],
    consentGiven: p?.consent.given ?? false,
    consentDate: p?.consent.date ?? '',
    consentPurpose: p?.consent.purpose ?? '',
    notes: p?.notes ?? '',
    householdId: p?.householdId ?? preset?.householdId ?? null,
    householdName: p?.householdName ?? preset?.householdName ?? null,
    relationship: p?.relationship ?? preset?.relationship ?? '',
  };
}

/** The form's values as the API wants them: empty text becomes null. NIK is only sent when typed. */
export function toPayload(v: PersonFormValues): PersonCreate & Omit<PersonUpdate, 'version'> {
  const s = (x: string) => (x.trim() === '' ? null : x.trim());
  const answered = Object.entries(v.disability).filter(([, a]) => a !== '');
  return {
    fullName: v.fullName.trim(),
    preferredName: s(v.preferredName),
    sex: (s(v.sex) as 'female' | 'male' | null) ?? null,
    birthDate: s(v.birthDate),
    birthYear: v.birthDate ? null : v.birthYear ? Number(v.birthYear) : null,
    ...(v.nik.trim() ? { nik: v.nik.trim() } : {}),
    phone: s(v.phone),
    email: s(v.email),
    address: s(v.address),
    areaCode: v.areaCode,
    disability: answered.length ? (Object.fromEntries(answered.map(([k, a]) => [k, Number(a)])) as PersonCreate['disability']) : null,
    welfareDecile: v.welfareDecile ? Number(v.welfareDecile) : null,
    roles: v.roles as PersonCreate['roles'],
    tags: v.tags,
    consent: { given: v.consentGiven, date: s(v.consentDate), purpose: s(v.consentPurpose) },
    notes: s(v.notes),
    householdId: v.householdId,
    relationship: v.householdId ? ((s(v.relationship) as PersonCreate['relationship']) ?? null) : null,
  };
}

const SHOWN = [
  'fullName',
  'preferredName',
  'sex',
  'birthDate',
  'birthYear',
  'nik',
  'phone',
  'email',
  'address',
  'areaCode',
  'welfareDecile',
  'roles',
  'tags',
  'consent.given',
  'consent.date',
  'consent.purpose',
  'notes',
  'householdId',
  'relationship',
  ...WG_DOMAINS.map((d) => `disability.${d}`),
];

function HouseholdPicker({ value, name, onChange, error }: { value: string | null; name: string | null; onChange: (id: string | null, name: string | null) => void; error?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const typed = debounced && debounced !== name ? debounced : undefined;
  const q = useQuery({ queryKey: ['households', 'pick', typed ?? ''], queryFn: () => get<HouseholdsPage>('/api/households', { q: typed, limit: 20 }) });
  const data = useMemo(() => {
    const opts = (q.data?.items ?? []).map((h) => ({ value: h.id, label: h.name }));
    if (value && name && !opts.some((o) => o.value === value)) opts.unshift({ value, label: name });
    return opts;
  }, [q.data, value, name]);
  return (
    <Select
      label={t('fields.household')}
      placeholder={t('person.householdSearch')}
      searchable
      clearable
      value={value}
      data={data}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={q.isFetching ? t('common.loading') : t('common.nothingFound')}
      onChange={(id, option) => onChange(id, option?.label ?? null)}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

export function PersonForm({
  initial,
  person,
  submitLabel,
  onSubmit,
  onCancel,
  lockedHousehold,
  onReload,
}: {
  initial: PersonFormValues;
  person?: Person | null;
  submitLabel: string;
  /** Throws ApiError on failure; the form keeps every input. */
  onSubmit: (payload: ReturnType<typeof toPayload>, confirmNikMismatch: boolean) => Promise<void>;
  onCancel: () => void;
  lockedHousehold?: boolean;
  /** After a 409: load the current version (the form starts again from it). */
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState<PersonFormValues>(initial);
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();
  const set = <K extends keyof PersonFormValues>(k: K, value: PersonFormValues[K]) => setV((prev) => ({ ...prev, [k]: value }));
  const err = errors.field;

  async function save(confirm: boolean) {
    setBusy(true);
    errors.clear();
    try {
      await onSubmit(toPayload(v), confirm);
    } catch (e) {
      errors.capture(e);
      window.requestAnimationFrame(() => document.querySelector('[data-testid="form-error"],[data-testid="nik-mismatch"]')?.scrollIntoView({ block: 'center', behavior: 'smooth' }));
    } finally {
      setBusy(false);
    }
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    void save(false);
  }

  const e = errors.error;
  const mismatch = e?.code === 'confirm_nik_mismatch' ? (e.details as { nikMismatch?: string[]; nikSex?: string; nikBirthDate?: string } | undefined) : undefined;

  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel}>
      <Stack gap="md">
        {mismatch ? (
          <NikMismatch error={e as ApiError} details={mismatch} entered={{ sex: v.sex, birthDate: v.birthDate }} busy={busy} onConfirm={() => void save(true)} />
        ) : (
          <ErrorAlert error={e} shown={SHOWN} />
        )}
        {e?.code === 'version_conflict' && onReload && <ConflictNote onReload={onReload} />}

        <Fieldset legend={t('person.identity')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
              <TextInput label={t('fields.fullName')} required value={v.fullName} onChange={(ev) => set('fullName', ev.currentTarget.value)} error={err('fullName')} maxLength={200} autoComplete="off" />
              <TextInput label={t('fields.preferredName')} value={v.preferredName} onChange={(ev) => set('preferredName', ev.currentTarget.value)} error={err('preferredName')} maxLength={100} autoComplete="off" />
              <NativeSelect label={t('fields.sex')} value={v.sex} onChange={(ev) => set('sex', ev.currentTarget.value)} error={err('sex')} data={[{ value: '', label: t('common.unknown') }, ...sexOptions(t)]} />
              <TextInput
                label={t('fields.nik')}
                description={person?.nikMasked ? t('person.nikKeep', { masked: person.nikMasked }) : t('person.nikHelp')}
                value={v.nik}
                onChange={(ev) => set('nik', ev.currentTarget.value)}
                error={err('nik')}
                inputMode="numeric"
                maxLength={24}
                autoComplete="off"
              />
              <TextInput label={t('fields.birthDate')} type="date" value={v.birthDate} onChange={(ev) => set('birthDate', ev.currentTarget.value)} error={err('birthDate')} max={new Date().toISOString().slice(0, 10)} />
              <TextInput
                label={t('fields.birthYear')}
                description={t('person.birthYearHelp')}
                type="number"
                inputMode="numeric"
                min={1900}
                max={new Date().getFullYear()}
                value={v.birthDate ? v.birthDate.slice(0, 4) : v.birthYear}
                disabled={!!v.birthDate}
                onChange={(ev) => set('birthYear', ev.currentTarget.value)}
                error={err('birthYear')}
              />
              <TextInput label={t('fields.phone')} type="tel" value={v.phone} onChange={(ev) => set('phone', ev.currentTarget.value)} error={err('phone')} autoComplete="off" placeholder="0812 3456 7890" />
              <TextInput label={t('fields.email')} type="email" value={v.email} onChange={(ev) => set('email', ev.currentTarget.value)} error={err('email')} autoComplete="off" />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        {!person && <DuplicateCheck values={v} />}

        <Fieldset legend={t('person.addressSection')}>
          <Stack gap="sm">
            <Textarea label={t('fields.address')} value={v.address} onChange={(ev) => set('address', ev.currentTarget.value)} error={err('address')} autosize minRows={2} maxLength={500} />
            <AreaCascade value={v.areaCode} onChange={(code) => set('areaCode', code)} error={err('areaCode')} />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('fields.household')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {lockedHousehold ? (
              <TextInput label={t('fields.household')} value={v.householdName ?? ''} readOnly />
            ) : (
              <HouseholdPicker value={v.householdId} name={v.householdName} onChange={(id, name) => setV((p) => ({ ...p, householdId: id, householdName: name }))} error={err('householdId')} />
            )}
            <NativeSelect
              label={t('fields.relationship')}
              value={v.relationship}
              disabled={!v.householdId}
              onChange={(ev) => set('relationship', ev.currentTarget.value)}
              error={err('relationship')}
              data={[{ value: '', label: '—' }, ...relationshipOptions(t)]}
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('wg.title')}>
          <Text size="sm" c="dimmed" mb="xs">
            {t('wg.intro')}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" verticalSpacing="sm">
            {WG_DOMAINS.map((d) => (
              <NativeSelect
                key={d}
                label={t(`wg.q.${d}`)}
                value={v.disability[d]}
                onChange={(ev) => {
                  const a = ev.currentTarget.value;
                  setV((p) => ({ ...p, disability: { ...p.disability, [d]: a } }));
                }}
                error={err(`disability.${d}`)}
                data={[{ value: '', label: t('wg.notAsked') }, ...wgAnswerOptions(t)]}
              />
            ))}
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('person.programSection')}>
          <Stack gap="sm">
            <NativeSelect
              label={t('fields.welfareDecile')}
              description={t('person.decileHelp')}
              value={v.welfareDecile}
              onChange={(ev) => set('welfareDecile', ev.currentTarget.value)}
              error={err('welfareDecile')}
              data={[{ value: '', label: '—' }, ...Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))]}
              maw={320}
            />
            <Checkbox.Group label={t('fields.roles')} value={v.roles} onChange={(r) => set('roles', r)} error={err('roles')}>
              <Group gap="md" mt={6}>
                {roleOptions(t).map((o) => (
                  <Checkbox key={o.value} value={o.value} label={o.label} />
                ))}
              </Group>
            </Checkbox.Group>
            <TagsInput label={t('fields.tags')} description={t('person.tagsHelp')} value={v.tags} onChange={(tags) => set('tags', tags)} error={err('tags')} maxTags={30} clearable acceptValueOnBlur />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('fields.consent')}>
          <Stack gap="sm">
            <Checkbox label={t('person.consentGiven')} checked={v.consentGiven} onChange={(ev) => set('consentGiven', ev.currentTarget.checked)} error={err('consent.given')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('fields.consentDate')} description={t('person.consentDateHelp')} type="date" value={v.consentDate} onChange={(ev) => set('consentDate', ev.currentTarget.value)} error={err('consent.date')} />
              <TextInput label={t('fields.consentPurpose')} value={v.consentPurpose} onChange={(ev) => set('consentPurpose', ev.currentTarget.value)} error={err('consent.purpose')} maxLength={300} />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Textarea label={t('fields.notes')} value={v.notes} onChange={(ev) => set('notes', ev.currentTarget.value)} error={err('notes')} autosize minRows={3} maxLength={5000} />

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ConflictNote({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" title={t('person.conflictTitle')}>
      <Text size="sm" mb="xs">
        {t('person.conflictHelp')}
      </Text>
      <Button size="xs" variant="default" onClick={onReload} data-testid="reload">
        {t('common.reload')}
      </Button>
    </Alert>
  );
}

function NikMismatch({ error, details, entered, busy, onConfirm }: { error: ApiError; details: { nikMismatch?: string[]; nikSex?: string; nikBirthDate?: string }; entered: { sex: string; birthDate: string }; busy: boolean; onConfirm: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" title={t('person.nikMismatchTitle')} role="alert" data-testid="nik-mismatch">
      <Text size="sm">{error.message}</Text>
      <List size="sm" my="xs">
        {details.nikMismatch?.includes('sex') && (
          <List.Item>{t('person.mismatchSex', { nik: details.nikSex ? t(`sex.${details.nikSex}`) : '?', entered: entered.sex ? t(`sex.${entered.sex}`) : '—' })}</List.Item>
        )}
        {details.nikMismatch?.includes('birth_date') && <List.Item>{t('person.mismatchBirthDate', { nik: details.nikBirthDate ?? '?', entered: entered.birthDate || '—' })}</List.Item>}
      </List>
      <Group gap="sm">
        <Button size="sm" color="orange" onClick={onConfirm} loading={busy}>
          {t('person.saveAnyway')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('person.orFix')}
        </Text>
      </Group>
    </Alert>
  );
}
