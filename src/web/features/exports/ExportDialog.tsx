import { Alert, Anchor, Button, Checkbox, Group, Modal, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_HOUSEHOLD_COLUMNS, DEFAULT_PERSON_COLUMNS, type ExportFormat, HOUSEHOLD_EXPORT_COLUMNS, PERSON_EXPORT_COLUMNS } from '../../../domain/exports.ts';
import { withQuery } from '../../api.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useCan } from '../../session.ts';
import { useFormat } from '../../ui/format.ts';

export type ExportKind = 'people' | 'households';
type Query = Record<string, string | number | boolean | null | undefined>;

const LISTS = {
  people: { all: PERSON_EXPORT_COLUMNS as readonly string[], defaults: DEFAULT_PERSON_COLUMNS as readonly string[], path: '/api/people/export' },
  households: { all: HOUSEHOLD_EXPORT_COLUMNS as readonly string[], defaults: DEFAULT_HOUSEHOLD_COLUMNS as readonly string[], path: '/api/households/export' },
};

type Saved = { format: ExportFormat; columns: string[]; hxl: boolean };
const storageKey = (kind: ExportKind) => `gotong.export.${kind}`;

/** The last choice of format, columns and HXL row (never the NIK reveal: that is asked each time). */
function load(kind: ExportKind): Saved {
  const { all, defaults } = LISTS[kind];
  const fallback: Saved = { format: 'xlsx', columns: [...defaults], hxl: false };
  try {
    const v = JSON.parse(localStorage.getItem(storageKey(kind)) ?? 'null') as Partial<Saved> | null;
    if (!v) return fallback;
    const columns = Array.isArray(v.columns) ? v.columns.filter((c) => all.includes(c)) : fallback.columns;
    return { format: v.format === 'csv' ? 'csv' : 'xlsx', columns: columns.length ? columns : fallback.columns, hxl: v.hxl === true };
  } catch {
    return fallback;
  }
}

/**
 * Export of the list as it is filtered now (all pages): format, columns, an HXL hashtag row, and
 * for those allowed the full NIK. The download is a plain link, so the browser streams the file
 * to disk however long the list; the server writes the audit entry.
 */
export function ExportDialog({ kind, query, total, opened, onClose }: { kind: ExportKind; query: Query; total?: number; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const f = useFormat();
  const { all, defaults, path } = LISTS[kind];
  const [saved, setSaved] = useState(() => load(kind));
  const [revealNik, setRevealNik] = useState(false);
  useEffect(() => {
    if (opened) setRevealNik(false);
  }, [opened]);
  useEffect(() => {
    try {
      localStorage.setItem(storageKey(kind), JSON.stringify(saved));
    } catch {}
  }, [kind, saved]);

  const mayReveal = kind === 'people' && can('people.reveal_nik') && saved.columns.includes('nik');
  // The file's columns in the order the dialog lists them.
  const columns = all.filter((c) => saved.columns.includes(c));
  const href = withQuery(path, {
    ...query,
    format: saved.format,
    columns: columns.join(','),
    hxl: saved.hxl || undefined,
    revealNik: (mayReveal && revealNik) || undefined,
    lang: currentLocale(),
  });

  return (
    <Modal opened={opened} onClose={onClose} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }} title={t(kind === 'people' ? 'exports.titlePeople' : 'exports.titleHouseholds')}>
      <Stack gap="md">
        <Text size="sm">{total === undefined ? t('exports.intro') : t('exports.introCount', { count: total, formatted: f.number(total) })}</Text>
        <Radio.Group label={t('exports.format')} value={saved.format} onChange={(v) => setSaved((s) => ({ ...s, format: v === 'csv' ? 'csv' : 'xlsx' }))}>
          <Group gap="lg" mt={6}>
            <Radio value="xlsx" label={t('exports.xlsx')} />
            <Radio value="csv" label={t('exports.csv')} />
          </Group>
        </Radio.Group>
        <Checkbox.Group label={t('exports.columns')} value={saved.columns} onChange={(v) => setSaved((s) => ({ ...s, columns: v }))}>
          <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing={6} verticalSpacing={6} mt={6} data-testid="export-columns">
            {all.map((c) => (
              <Checkbox key={c} value={c} label={t(`exports.col.${c}`)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Group gap="md">
          <Anchor component="button" type="button" size="sm" onClick={() => setSaved((s) => ({ ...s, columns: [...defaults] }))}>
            {t('exports.defaults')}
          </Anchor>
          <Anchor component="button" type="button" size="sm" onClick={() => setSaved((s) => ({ ...s, columns: [...all] }))}>
            {t('exports.selectAll')}
          </Anchor>
        </Group>
        <Checkbox label={t('exports.hxl')} description={t('exports.hxlHelp')} checked={saved.hxl} onChange={(e) => {
            const hxl = e.currentTarget.checked;
            setSaved((s) => ({ ...s, hxl }));
          }} />
        {mayReveal && (
          <Checkbox label={t('exports.revealNik')} description={t('exports.revealNikHelp')} checked={revealNik} onChange={(e) => setRevealNik(e.currentTarget.checked)} color="orange" />
        )}
        {columns.length === 0 && (
          <Alert color="orange" variant="light">
            {t('exports.noColumns')}
          </Alert>
        )}
        <Text size="xs" c="dimmed">
          {t('exports.audited')}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {columns.length > 0 ? (
            <Button component="a" href={href} download onClick={() => setTimeout(onClose, 0)} data-testid="export-download">
              {t('exports.download')}
            </Button>
          ) : (
            <Button disabled>{t('exports.download')}</Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
