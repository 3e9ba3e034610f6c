import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../session.ts';
import { PageHeader } from '../../ui/Page.tsx';

/** Importing is for owners, admins and managers (people.import); others get a plain explanation. */
export function ImportGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const can = useCan();
  if (can('people.import')) return <>{children}</>;
  return (
    <>
      <PageHeader title={t('imports.title')} />
      <Alert color="gray" variant="light" data-testid="imports-forbidden">
        {t('imports.forbidden')}
      </Alert>
    </>
  );
}
