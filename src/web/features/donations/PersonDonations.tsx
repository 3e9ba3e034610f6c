import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../api.ts';
import { useCan } from '../../session.ts';
import { IconPlus } from '../../ui/icons.tsx';
import { notify } from '../../ui/notify.ts';
import { type DonationsPage, type Donation, donationsKey } from './api.ts';
import { DonationDialog } from './DonationDialog.tsx';
import { DonationRows, Totals } from './DonationsPage.tsx';
import { personKey } from '../people/api.ts';

/** On a donor's page: their gifts, totals per currency, and a way to record one more (nothing for people who never gave). */
export function PersonDonations({ personId, name, donor }: { personId: string; name: string; donor: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Donation | null | 'new'>(null);
  const q = useQuery({ queryKey: [...donationsKey, 'person', personId], queryFn: () => get<DonationsPage>('/api/donations', { personId, limit: 20 }), enabled: can('donations.read') });
  if (!can('donations.read') || !q.data || (q.data.total === 0 && !(donor && can('donations.write')))) return null;
  return (
    <Stack gap="xs" data-testid="person-donations">
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('donations.personTitle')}
        </Title>
        {can('donations.write') && (
          <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')}>
            {t('donations.add')}
          </Button>
        )}
      </Group>
      {q.data.total === 0 ? (
        <Text size="sm" c="dimmed">
          {t('donations.personNone')}
        </Text>
      ) : (
        <>
          <Totals totals={q.data.totals} />
          <DonationRows items={q.data.items} compact onEdit={(d) => setEditing(d)} />
        </>
      )}
      {editing && (
        <DonationDialog
          donation={editing === 'new' ? null : editing}
          preset={editing === 'new' ? { donor: { type: 'person', id: personId, name } } : undefined}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null);
            notify({ color: 'brand', message: t('donations.saved') });
            await qc.invalidateQueries({ queryKey: donationsKey });
            // the first gift makes the person a donor (a role on their record and its history)
            await qc.invalidateQueries({ queryKey: personKey(personId) });
            await qc.invalidateQueries({ queryKey: ['history', 'person', personId] });
          }}
        />
      )}
    </Stack>
  );
}
