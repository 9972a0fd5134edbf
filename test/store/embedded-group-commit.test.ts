import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store';
import { isConflict } from '../../src/store/errors';
import type { Store } from '../../src/store/port';
import { buildUser } from './builders';

describe('embedded store group commit', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nudges-group-commit-'));
    store = createEmbeddedStore({ dataDir: dir });
    await store.init();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves a write only once another connection to the file can read it', async () => {
    const other = new Database(join(dir, 'nudges.sqlite'), { readonly: true });
    const seen = (id: string) => other.prepare('SELECT COUNT(*) AS n FROM users WHERE id = ?').get(id) as { n: number };
    const writes = Array.from({ length: 20 }, (_, i) =>
      store.users.create(buildUser({ id: `u${i}`, userId: `u${i}` })).then(() => seen(`u${i}`).n),
    );
    expect(await Promise.all(writes)).toEqual(Array(20).fill(1));
    other.close();
  });

  it('fails only the conflicting write of a batch and commits the rest', async () => {
    await store.users.create(buildUser({ id: 'taken', userId: 'taken' }));
    const results = await Promise.allSettled([
      store.users.create(buildUser({ id: 'a', userId: 'a' })),
      store.users.create(buildUser({ id: 'taken', userId: 'taken' })),
      store.users.create(buildUser({ id: 'b', userId: 'b' })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(isConflict((results[1] as PromiseRejectedResult).reason)).toBe(true);
    expect(await store.users.count({})).toBe(3);
  });

  it('commits writes still queued when the store is closed', async () => {
    const write = store.users.create(buildUser({ id: 'late', userId: 'late' }));
    await store.close();
    await expect(write).resolves.toMatchObject({ id: 'late' });
    store = createEmbeddedStore({ dataDir: dir });
    await store.init();
    expect(await store.users.get('late', 'late')).toMatchObject({ id: 'late' });
  });
});
