import { type NotificationData, notifications } from '@mantine/notifications';
import i18n from '../i18n/index.ts';

/** notifications.show with a labelled close button (in the current language). */
export function notify(data: NotificationData): string {
  return notifications.show({ closeButtonProps: { 'aria-label': i18n.t('common.close') }, ...data });
}
