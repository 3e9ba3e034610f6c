import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../api.ts';
import { currentLocale } from '../../i18n/index.ts';
import { DownloadMenu } from '../../ui/DownloadMenu.tsx';
import { historyKey } from '../people/api.ts';

/**
 * "Export logframe": the program's results framework as a logframe matrix, XLSX or PDF. Plain
 * links, so the browser saves the file under the server's name; the server records the export.
 */
export function LogframeExport({ programId }: { programId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const href = (format: 'xlsx' | 'pdf') => withQuery(`/api/programs/${programId}/logframe.${format}`, { lang: currentLocale() });
  // the export shows in the program's history once the server has written it
  const recorded = () => setTimeout(() => void qc.invalidateQueries({ queryKey: historyKey('program', programId) }), 1500);
  return (
    <DownloadMenu
      label={t('logframe.button')}
      hint={t('logframe.hint')}
      testId="logframe-export"
      onDownload={recorded}
      items={[
        { label: t('logframe.xlsx'), href: href('xlsx') },
        { label: t('logframe.pdf'), href: href('pdf') },
      ]}
    />
  );
}
