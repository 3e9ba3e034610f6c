import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from './api.ts';
import { applyLocale } from './i18n/index.ts';
import { makeRouter } from './router.tsx';
import { meQuery } from './session.ts';
import { cssVariablesResolver, theme } from './theme.ts';

/** A 401 in the middle of work means the session ended: forget it and go to sign-in. */
function onError(err: unknown) {
  if (err instanceof ApiError && err.status === 401 && queryClient.getQueryData(meQuery.queryKey)) {
    queryClient.clear();
    queryClient.setQueryData(meQuery.queryKey, null);
    void router.navigate({ to: '/signin', search: { next: window.location.pathname + window.location.search } });
  }
}
const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});
const router = makeRouter(queryClient);

async function start() {
  // The signed-in user's saved language wins over this browser's last choice.
  const me = await queryClient.fetchQuery(meQuery).catch(() => null);
  if (me) await applyLocale(me.user.locale);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        <QueryClientProvider client={queryClient}>
          <ModalsProvider>
            <Notifications position="bottom-center" limit={3} />
            <RouterProvider router={router} />
          </ModalsProvider>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
}
void start();
