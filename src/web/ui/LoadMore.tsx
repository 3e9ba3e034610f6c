import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The foot of a cursor-paged list: the next page on request, with how many are shown when known. */
export function LoadMore({ list, shown, total, mt = 'md' }: { list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown }; shown?: number; total?: number; mt?: string }) {
  const { t } = useTranslation();
  if (!list.hasNextPage) return null;
  return (
    <Group justify="center" mt={mt}>
      <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
        {shown === undefined ? t('common.loadMoreShort') : t('common.loadMore', { shown, total: total ?? '' })}
      </Button>
    </Group>
  );
}
