import { Button } from '@mantine/core';
import { Suspense, lazy, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconDownload } from '../../ui/icons.tsx';
import type { ExportKind } from './ExportDialog.tsx';

// The dialog loads on first use, so the list pages do not carry it.
const ExportDialog = lazy(() => import('./ExportDialog.tsx').then((m) => ({ default: m.ExportDialog })));

/** "Export" on a list page: opens the export dialog for the list's current filters. */
export function ExportButton({ kind, query, total }: { kind: ExportKind; query: Record<string, string | number | boolean | null | undefined>; total?: number }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [used, setUsed] = useState(false);
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconDownload size={16} />}
        onClick={() => {
          setUsed(true);
          setOpened(true);
        }}
        data-testid={`${kind}-export`}
      >
        {t('exports.button')}
      </Button>
      {used && (
        <Suspense fallback={null}>
          <ExportDialog kind={kind} query={query} total={total} opened={opened} onClose={() => setOpened(false)} />
        </Suspense>
      )}
    </>
  );
}
