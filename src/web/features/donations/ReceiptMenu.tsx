import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DownloadMenu } from '../../ui/DownloadMenu.tsx';
import type { Donation } from './api.ts';

/** The receipt of a gift as a PDF, in the user's language first, then the other one. */
export function ReceiptMenu({ donation, size = 'xs' }: { donation: Donation; size?: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  if (!donation.receiptNumber) return null;
  const langs = i18n.language === 'en' ? (['en', 'id'] as const) : (['id', 'en'] as const);
  return (
    <DownloadMenu
      label={t('donations.receipt')}
      hint={t('donations.receiptHint', { number: donation.receiptNumber })}
      size={size}
      testId={`receipt-${donation.id}`}
      items={langs.map((l) => ({ label: t(`donations.receiptIn.${l}`), href: `/api/donations/${donation.id}/receipt.pdf?lang=${l}` }))}
      onDownload={() => void qc.invalidateQueries({ queryKey: ['history'] })}
    />
  );
}
