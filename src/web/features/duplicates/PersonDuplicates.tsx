import { Alert, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api.ts';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { type PairsPage, otherOf, personPairsKey } from './api.ts';
import { percent } from './reasons.ts';

const SHOWN = 5;

/** On a person's page: the open pairs they are in ("may be the same person as X — review"). */
export function PersonDuplicates({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: personPairsKey(personId), queryFn: () => get<PairsPage>('/api/duplicates', { personId, status: 'open', limit: SHOWN }) });
  const items = q.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Alert color="orange" variant="light" title={t('duplicates.person.title')} data-testid="person-duplicates" mb="md">
      <Stack gap={6}>
        {items.map((pair) => {
          const other = otherOf(pair, personId);
          return (
            <Group key={pair.id} gap="xs" wrap="wrap" justify="space-between">
              <Text size="sm" style={{ minWidth: 0 }}>
                {t('duplicates.person.maybe')}{' '}
                {other.deletedAt ? (
                  <b>{other.fullName}</b>
                ) : (
                  <AnchorLink to="/people/$personId" params={{ personId: other.id }} fw={600} size="sm">
                    {other.fullName}
                  </AnchorLink>
                )}{' '}
                ({t('duplicates.score', { pct: percent(pair.score) })})
              </Text>
              <ButtonLink to="/duplicates/$pairId" params={{ pairId: pair.id }} size="xs" variant="default" aria-label={t('duplicates.person.reviewNamed', { name: other.fullName })} data-testid="person-duplicate-review">
                {t('duplicates.person.review')}
              </ButtonLink>
            </Group>
          );
        })}
        {(q.data?.total ?? 0) > SHOWN && (
          <AnchorLink to="/duplicates" size="sm">
            {t('duplicates.person.all', { count: q.data?.total ?? 0 })}
          </AnchorLink>
        )}
      </Stack>
    </Alert>
  );
}
