import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DonorRef } from '../../../domain/contracts/donations.ts';
import { get } from '../../api.ts';
import { useCan } from '../../session.ts';
import { IconPlus } from '../../ui/icons.tsx';
import { notify } from '../../ui/notify.ts';
import { type DonationsPage, type Donation, donationsKey } from './api.ts';
import { DonationDialog } from './DonationDialog.tsx';
import { DonationRows, Totals } from './DonationsPage.tsx';
import { personKey } from '../people/api.ts';

/**
 * On a donor's page (a registry person or a funder organisation): their gifts, totals per currency,
 * and a way to record one more. Nothing for a person who never gave and is not a donor.
 */
export function DonorGifts({ donor, alwaysShown }: { donor: DonorRef; alwaysShown: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Donation | null | 'new'>(null);
  const filter = donor.type === 'person' ? { personId: donor.id } : { funderId: donor.id };
  const q = useQuery({ queryKey: [...donationsKey, donor.type, donor.id], queryFn: () => get<DonationsPage>('/api/donations', { ...filter, limit: 20 }), enabled: can('donations.read') });
  if (!can('donations.read') || !q.data || (q.data.total === 0 && !(alwaysShown && can('donations.write')))) return null;
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
          preset={editing === 'new' ? { donor } : undefined}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null);
            notify({ color: 'brand', message: t('donations.saved') });
            await qc.invalidateQueries({ queryKey: donationsKey });
            // the first gift makes the person a donor (a role on their record and its history)
            if (donor.type === 'person') {
              await qc.invalidateQueries({ queryKey: personKey(donor.id) });
              await qc.invalidateQueries({ queryKey: ['history', 'person', donor.id] });
            }
          }}
        />
      )}
    </Stack>
  );
}
