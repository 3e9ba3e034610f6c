import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The footer of every form and dialog: Cancel, then the submit button, busy while saving. */
export function FormActions({ onCancel, busy, submitLabel, color }: { onCancel: () => void; busy: boolean; submitLabel?: ReactNode; color?: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={busy} color={color}>
        {submitLabel ?? t('common.save')}
      </Button>
    </Group>
  );
}
