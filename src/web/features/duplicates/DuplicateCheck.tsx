import { Alert, Button, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import type { CheckCandidate } from './api.ts';
import { percent, splitReasons } from './reasons.ts';

/** What the form has so far, as the check wants it. */
export type CheckInput = {
  fullName: string;
  sex: string;
  birthDate: string;
  birthYear: string;
  nik: string;
  phone: string;
  areaCode: string | null;
  householdId: string | null;
};

/**
 * The check runs once the name and a birth date (or year, or a whole NIK) are there: a name alone
 * matches too many people to be worth a warning.
 */
function checkBody(v: CheckInput): Record<string, unknown> | null {
  const fullName = v.fullName.trim();
  const nik = v.nik.replace(/[\s.-]/g, '');
  const year = /^\d{4}$/.test(v.birthYear.trim()) ? Number(v.birthYear) : null;
  const birthYear = year && year >= 1900 && year <= 2100 ? year : null;
  const hasNik = /^\d{16}$/.test(nik);
  if (fullName.length < 3 || !(v.birthDate || birthYear || hasNik)) return null;
  return {
    fullName,
    ...(v.sex ? { sex: v.sex } : {}),
    ...(v.birthDate ? { birthDate: v.birthDate } : birthYear ? { birthYear } : {}),
    ...(hasNik ? { nik } : {}),
    ...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
    ...(v.areaCode ? { areaCode: v.areaCode } : {}),
    ...(v.householdId ? { householdId: v.householdId } : {}),
  };
}

/**
 * "Possibly already registered": people in the registry the person being entered may be, with
 * links (in a new tab, so the form keeps what was typed). Saving is never blocked. With `onUse`
 * (the person picker's quick add) each candidate can be taken instead of adding a new record.
 */
export function DuplicateCheck({ values, onUse, useLabel }: { values: CheckInput; onUse?: (person: CheckCandidate['person']) => void; useLabel?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const body = checkBody(values);
  const [key] = useDebouncedValue(body ? JSON.stringify(body) : '', 600);
  const q = useQuery({
    queryKey: ['duplicates', 'check', key],
    queryFn: () => post<{ candidates: CheckCandidate[] }>('/api/people/check-duplicates', JSON.parse(key)),
    enabled: !!key,
    staleTime: 60_000,
    retry: false,
    placeholderData: keepPreviousData,
  });
  const candidates = body && key && q.data ? q.data.candidates : [];
  const name = values.fullName.trim();

  return (
    <div aria-live="polite" data-testid="duplicate-check">
      {candidates.length > 0 && (
        <Alert color="orange" variant="light" title={t('duplicates.check.title', { count: candidates.length })} data-testid="duplicate-warning">
          <Stack gap="xs">
            <ul className="gotong-dup-candidates" style={{ margin: 0, paddingLeft: '1.1rem' }}>
              {candidates.map((c) => {
                const p = c.person;
                const facts = [
                  p.sex ? t(`sex.${p.sex}`) : null,
                  p.birthDate ? f.date(p.birthDate) : p.birthYear ? t('person.aboutYear', { year: p.birthYear }) : null,
                  p.nikMasked,
                  p.area.length ? p.area[p.area.length - 1].name : null,
                ].filter(Boolean);
                const why = splitReasons(t, c.reasons, [name, p.fullName])
                  .pro.filter((r) => r.weight > 0)
                  .slice(0, 3)
                  .map((r) => r.text);
                return (
                  <li key={p.id} style={{ marginBottom: 4 }}>
                    <Group gap={6} wrap="nowrap" align="flex-start" justify="space-between">
                      <Text size="sm">
                        <AnchorLink to="/people/$personId" params={{ personId: p.id }} target="_blank" rel="noopener" fw={600} size="sm" data-testid="duplicate-candidate">
                          {p.fullName}
                          <VisuallyHidden>{` (${t('duplicates.check.newTab')})`}</VisuallyHidden>
                        </AnchorLink>
                        {facts.length > 0 && ` · ${facts.join(' · ')}`}
                        {` · ${t('duplicates.score', { pct: percent(c.score) })}`}
                      </Text>
                      {onUse && (
                        <Button size="compact-xs" variant="light" color="orange" onClick={() => onUse(p)} data-testid="duplicate-use">
                          {useLabel}
                        </Button>
                      )}
                    </Group>
                    {why.length > 0 && (
                      <Text size="xs" c="dimmed">
                        {why.join(' · ')}
                      </Text>
                    )}
                  </li>
                );
              })}
            </ul>
            {!onUse && <Text size="sm">{t('duplicates.check.help')}</Text>}
          </Stack>
        </Alert>
      )}
    </div>
  );
}
