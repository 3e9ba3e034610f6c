import { Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, put } from '../../api.ts';
import { useCan } from '../../session.ts';
import { ErrorAlert, useServerErrors } from '../../ui/errors.tsx';
import { notify } from '../../ui/notify.ts';
import { type DedupeSettings, settingsKey } from './api.ts';

/** A threshold (0.01 … 0.99) as a percentage for people: 0.1 → "10". */
const toPct = (x: number) => String(Math.round(x * 1000) / 10);

function Form({ s }: { s: DedupeSettings }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [review, setReview] = useState(toPct(s.reviewThreshold));
  const [likely, setLikely] = useState(toPct(s.likelyThreshold));
  const [busy, setBusy] = useState(false);
  const [local, setLocal] = useState<{ review?: string; likely?: string }>({});
  const errors = useServerErrors();
  const readOnly = !can('org.update');

  const parse = (v: string) => {
    const n = Number(v.replace(',', '.'));
    return v.trim() !== '' && Number.isFinite(n) && n >= 1 && n <= 99 ? n : null;
  };
  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.clear();
    const r = parse(review);
    const l = parse(likely);
    const problems = { review: r === null ? t('duplicates.settings.range') : undefined, likely: l === null ? t('duplicates.settings.range') : undefined };
    setLocal(problems);
    if (r === null || l === null) return;
    setBusy(true);
    try {
      const saved = await put<DedupeSettings>('/api/duplicates/settings', { reviewThreshold: Math.round(r * 10) / 1000, likelyThreshold: Math.round(l * 10) / 1000 });
      qc.setQueryData(settingsKey, saved);
      notify({ color: 'brand', message: t('duplicates.settings.saved') });
    } catch (err) {
      errors.capture(err);
    } finally {
      setBusy(false);
    }
  }
  const dirty = review !== toPct(s.reviewThreshold) || likely !== toPct(s.likelyThreshold);

  return (
    <form onSubmit={submit} noValidate aria-label={t('duplicates.settings.title')}>
      <Stack gap="sm">
        <ErrorAlert error={errors.error} shown={['reviewThreshold', 'likelyThreshold']} />
        <SimpleGrid cols={1} spacing="sm" maw={420}>
          <PercentInput kind="review" value={review} onChange={setReview} error={local.review ?? errors.field('reviewThreshold')} readOnly={readOnly} />
          <PercentInput kind="likely" value={likely} onChange={setLikely} error={local.likely ?? errors.field('likelyThreshold')} readOnly={readOnly} />
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {t('duplicates.settings.note')}
        </Text>
        {readOnly ? (
          <Text size="sm" c="dimmed">
            {t('settings.readOnly')}
          </Text>
        ) : (
          <Group justify="flex-end">
            <Button type="submit" loading={busy} disabled={!dirty} data-testid="threshold-save">
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

/** Organisation settings: the two score thresholds of duplicate detection (admins change them). */
export function DuplicateSettings() {
  const { t } = useTranslation();
  const titleId = useId();
  const q = useQuery({ queryKey: settingsKey, queryFn: () => get<DedupeSettings>('/api/duplicates/settings') });
  return (
    <Paper withBorder p="md" maw={640} mt="md" component="section" aria-labelledby={titleId} data-testid="duplicate-settings">
      <Title order={2} fz="lg" id={titleId}>
        {t('duplicates.settings.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('duplicates.settings.intro')}
      </Text>
      {q.data ? <Form key={`${q.data.reviewThreshold}:${q.data.likelyThreshold}`} s={q.data} /> : q.error ? <Text c="red">{q.error.message}</Text> : <Skeleton h={120} />}
    </Paper>
  );
}

/** One threshold, entered as a whole percentage. */
function PercentInput(props: { kind: 'review' | 'likely'; value: string; onChange: (v: string) => void; error?: ReactNode; readOnly: boolean }) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t(`duplicates.settings.${props.kind}`)}
      description={t(`duplicates.settings.${props.kind}Help`)}
      type="number"
      inputMode="decimal"
      min={1}
      max={99}
      step={1}
      rightSection={<Text size="sm" c="dimmed" aria-hidden="true">%</Text>}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error}
      readOnly={props.readOnly}
      data-testid={`threshold-${props.kind}`}
    />
  );
}
