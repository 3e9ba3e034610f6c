import { defineConfig } from '@playwright/test';
import type { Lang } from './e2e/fixtures.ts';

/**
 * End-to-end journeys against a real Gotong server (fresh embedded database per run) in Debian's
 * Chromium. One worker: the embedded PGlite database is single-connection. Projects:
 *   setup — first run (setup wizard) + its accessibility check; runs first, once.
 *   id, en — the same journeys and accessibility checks in Indonesian and in English, sharing the
 *            server (each run signs up its own users and organisations).
 *   screens — screenshots of every page (only with SCREENS=1; saved in .tmp/screens).
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;

export default defineConfig<{ lang: Lang }>({
  testDir: 'e2e',
  outputDir: '.tmp/test-results',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    viewport: { width: 1280, height: 900 },
    actionTimeout: 15_000,
    navigationTimeout: 20_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [
    { name: 'setup', testMatch: /(first-run|budget)\.spec\.ts/, use: { lang: 'id' } },
    { name: 'id', testMatch: /(journey|registry|registry-journey|a11y|import|export|duplicates|programs|logframe|tasks|activities|participation|volunteers|activity-report|funding|finance|donations|reports|home)\.spec\.ts/, dependencies: ['setup'], use: { lang: 'id', locale: 'id-ID' } },
    { name: 'en', testMatch: /(journey|registry|registry-journey|a11y|import|export|duplicates|programs|logframe|tasks|activities|participation|volunteers|activity-report|funding|finance|donations|reports|home)\.spec\.ts/, dependencies: ['setup'], use: { lang: 'en', locale: 'en-GB' } },
    ...(process.env.SCREENS ? [{ name: 'screens', testMatch: /screens\.spec\.ts/ }] : []),
  ],
  webServer: {
    command: `rm -rf .tmp/e2e-data && DATA_DIR=.tmp/e2e-data PORT=${PORT} PUBLIC_URL=${baseURL} LOG_LEVEL=warn node bin/gotong.mjs start`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 90_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
