import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium';

export interface E2eBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium with a fresh profile in a temp folder and opens one page; requests to
 * hosts other than this machine are refused.
 * Throws E2E_NO_CHROMIUM with the install command when the browser is missing.
 */
export async function launchBrowser(viewport = { width: 1280, height: 1000 }): Promise<E2eBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `E2E_NO_CHROMIUM: no browser at ${CHROMIUM_PATH}. Install Debian's Chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'nudges-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    args: [...CHROMIUM_ARGS],
  });
  // The playground's page asks Microsoft's font CDN and telemetry hosts; keep the run local and fast.
  await context.route(
    (url) => !['localhost', '127.0.0.1'].includes(url.hostname) && url.protocol !== 'data:',
    (route) => route.abort('blockedbyclient'),
  );
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      try {
        await context.close();
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}
