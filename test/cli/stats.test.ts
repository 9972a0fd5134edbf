import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { runStats } from '../../src/cli/stats';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store';
import type { Store } from '../../src/store/port';
import { TENANT } from '../support/activities';
import { freshDataDir } from '../team/test-stores';
import { SECRET, seedPeople } from '../insights/seed-people';

const { buildIfNeeded } = require('../../scripts/build-if-needed') as {
  buildIfNeeded(options?: { quiet?: boolean }): void;
};

const OTHER = '72f988bf-0000-0000-0000-000000000002';
const NOW = new Date('2026-11-26T10:00:00.000Z');

describe('nudges stats', () => {
  let dataDir: string;
  let store: Store;
  const config = () => loadConfig({ DATA_DIR: dataDir });

  beforeAll(async () => {
    dataDir = freshDataDir();
    store = createEmbeddedStore({ dataDir });
    await store.init();
    await seedPeople(store, TENANT, 6, 100);
    await seedPeople(store, OTHER, 2, 200);
  });
  afterAll(async () => {
    await store.close();
  });

  const run = async (args: string[]) => {
    const out: string[] = [];
    const code = await runStats(args, { store, config: config(), now: () => NOW, write: (t) => out.push(t) });
    return { code, text: out.join('\n') };
  };

  it('prints the same guarded figures as the insights card, as a table, for every practice (never a tenant pooled)', async () => {
    const { code, text } = await run([]);
    expect(code).toBe(0);
    expect(text).toContain(`tenant ${TENANT}`);
    expect(text).not.toContain('Organisation');
    expect(text).toMatch(/Nudges delivered\s+6\s+6/);
    expect(text).toMatch(/Share answered\s+83%\s+83%/); // published at 5 of the 6 (steps of 5 people)
    expect(text).toContain(`tenant ${OTHER}`);
    const other = text.slice(text.indexOf(`tenant ${OTHER}`));
    expect(other).toMatch(/Nudges delivered\s+fewer than 5\s+fewer than 5/);
    expect(text).not.toContain(SECRET);
  });

  it('prints JSON for one tenant and one window with --tenant, --weeks and --json', async () => {
    const { text } = await run(['--tenant', TENANT, '--weeks', '2', '--json']);
    const json = JSON.parse(text) as { tenants: { columns: string[]; rows: { label: string; cells: string[] }[] }[] };
    expect(json.tenants).toHaveLength(1);
    expect(json.tenants[0]?.columns).toEqual(['Last 2 weeks']);
    expect(json.tenants[0]?.rows.find((r) => r.label === 'Reflections saved')?.cells).toEqual(['6']);
  });

  it('refuses a bad option with a message naming it', async () => {
    await expect(run(['--weeks', 'lots'])).rejects.toThrow(/--weeks needs a whole number/);
  });

  it('runs as a command line (npx nudges stats --json) against the configured store', () => {
    const root = join(__dirname, '..', '..');
    // The package's own `nudges` command (its bin), on the built dist/ (npm test builds it beside jest;
    // compiling src/ in the child with ts-node took about 5 s).
    buildIfNeeded({ quiet: true });
    const result = spawnSync(
      process.execPath,
      [join(root, 'scripts', 'nudges.js'), 'stats', '--tenant', TENANT, '--json'],
      {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, STORE: 'embedded', LOG_LEVEL: 'silent' },
        encoding: 'utf8',
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as { tenants: { scopeName: string }[] };
    expect(json.tenants[0]?.scopeName).toMatch(new RegExp(`^Practice [\\w-]+, tenant ${TENANT}$`));
  });
});
