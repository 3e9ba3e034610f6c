import { Button, Group, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { notify } from './notify.ts';

/**
 * A delete that asks first and can be undone for a while from the notification it leaves
 * (records go to the bin, so the undo is a restore).
 */
export function deleteWithUndo(t: TFunction, o: { title: string; message: string; deleted: string; restored: string; confirm?: string; remove: () => Promise<unknown>; restore: () => Promise<unknown>; after?: () => Promise<unknown> | void }) {
  modals.openConfirmModal({
    closeButtonProps: { 'aria-label': t('common.close') },
    title: o.title,
    children: <Text size="sm">{o.message}</Text>,
    labels: { confirm: o.confirm ?? t('common.delete'), cancel: t('common.cancel') },
    confirmProps: { color: 'red' },
    onConfirm: async () => {
      try {
        await o.remove();
      } catch (e) {
        notify({ color: 'red', message: (e as Error).message });
        return;
      }
      const id = notify({
        color: 'brand',
        autoClose: 12_000,
        message: (
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm">{o.deleted}</Text>
            <Button
              size="xs"
              variant="light"
              onClick={async () => {
                notifications.hide(id);
                try {
                  await o.restore();
                  notify({ color: 'brand', message: o.restored });
                } catch (e) {
                  notify({ color: 'red', message: (e as Error).message });
                }
              }}
            >
              {t('common.undo')}
            </Button>
          </Group>
        ),
      });
      await o.after?.();
    },
  });
}
