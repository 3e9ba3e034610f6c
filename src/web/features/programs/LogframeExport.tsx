import { Button, Menu } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../api.ts';
import { currentLocale } from '../../i18n/index.ts';
import { IconChevronDown, IconDownload } from '../../ui/icons.tsx';
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
    <Menu withInitialFocusPlaceholder={false} position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />} data-testid="logframe-export">
          {t('logframe.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label maw={260}>{t('logframe.hint')}</Menu.Label>
        <Menu.Item component="a" href={href('xlsx')} download onClick={recorded}>
          {t('logframe.xlsx')}
        </Menu.Item>
        <Menu.Item component="a" href={href('pdf')} download onClick={recorded}>
          {t('logframe.pdf')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
