import { Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DonorRef } from '../../../domain/contracts/donations.ts';
import { useCan } from '../../session.ts';
import { useFunderOptions } from '../funding/api.ts';
import { PersonPicker } from '../people/PersonPicker.tsx';

/**
 * Who gives: a registry person found as you type or added on the spot (the registry's picker),
 * or an organisation among the funders (a company's CSR gift, a foundation's).
 */
export function DonorField({ donor, onChange, error }: { donor: DonorRef | null; onChange: (d: DonorRef | null) => void; error?: string }) {
  const { t } = useTranslation();
  const can = useCan();
  if (donor)
    return (
      <Paper withBorder p="xs" data-testid="donor-chosen">
        <Group justify="space-between" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed">
              {t(donor.type === 'person' ? 'donations.donorPerson' : 'donations.donorFunder')}
            </Text>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {donor.name}
            </Text>
          </div>
          <Button size="xs" variant="default" onClick={() => onChange(null)}>
            {t('donations.changeDonor')}
          </Button>
        </Group>
        {error && (
          <Text size="xs" c="red" mt={4}>
            {error}
          </Text>
        )}
      </Paper>
    );
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('donations.donor')}
      </Text>
      <PersonPicker actionLabel={t('donations.choose')} addLabel={t('donations.addDonor')} onPick={(p) => onChange({ type: 'person', id: p.id, name: p.fullName })} />
      {can('funding.read') && <FunderChoice onPick={(id, name) => onChange({ type: 'funder', id, name })} />}
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}

function FunderChoice({ onPick }: { onPick: (id: string, name: string) => void }) {
  const { t } = useTranslation();
  const funders = useFunderOptions();
  return (
    <Select
      label={t('donations.orFunder')}
      placeholder={t('donations.orFunderHint')}
      searchable
      clearable
      data={funders}
      value={null}
      nothingFoundMessage={t('donations.noFunders')}
      onChange={(id) => {
        const f = funders.find((x) => x.value === id);
        if (f) onPick(f.value, f.label);
      }}
      comboboxProps={{ withinPortal: true }}
      data-testid="donor-funder"
    />
  );
}
