import { Alert, Skeleton } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A record page: a skeleton while loading, the error (not found, no access) when it fails. */
export function QueryState<T>({ q, children }: { q: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (q.isPending) return <Skeleton h={240} />;
  if (q.isError)
    return (
      <Alert color="red" title={t('common.errorTitle')} role="alert">
        {(q.error as Error).message}
      </Alert>
    );
  return <>{children(q.data)}</>;
}
