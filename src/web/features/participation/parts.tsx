import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format.ts';
import { IconPlus } from '../../ui/icons.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { type Activity, timeText } from '../activities/api.ts';
import { PersonPicker } from '../people/PersonPicker.tsx';

/** A button that opens the person picker in a panel (register people, add someone who came). */
export function PickerPanel({ title, picker }: { title: string; picker: Omit<Parameters<typeof PersonPicker>[0], 'onPick'> & { onPick: Parameters<typeof PersonPicker>[0]['onPick'] } }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      {open ? (
        <Stack gap="xs">
          <Group justify="space-between">
            <Text fw={600}>{title}</Text>
            <Button size="xs" variant="subtle" onClick={() => setOpen(false)}>
              {t('common.close')}
            </Button>
          </Group>
          <PersonPicker {...picker} />
        </Stack>
      ) : (
        <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)}>
          {title}
        </Button>
      )}
    </Paper>
  );
}

/** The head of the check-in and sheet screens: what, when, and the way back to the activity. */
export function ActivityScreenHeader({ title, activity, children }: { title: string; activity: Activity; children?: ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <PageHeader title={title}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" c="dimmed">
          {f.date(activity.startDate)} · {timeText(t, activity, f.date)}
        </Text>
        <AnchorLink to="/activities/$activityId" params={{ activityId: activity.id }} search={{ tab: 'attendance' }} size="sm">
          {t('participation.backToActivity')}
        </AnchorLink>
        {children}
      </Group>
    </PageHeader>
  );
}
