import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store';
import { mapSqliteError } from '../../src/store/embedded/map-sqlite-error';
import { StoreError } from '../../src/store/errors';
import type { Store } from '../../src/store/port';
import { buildDelivery, buildUser } from './builders';
import { describeStoreContract } from './contract';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nudges-store-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function openStore(dataDir: string, extra: Partial<Parameters<typeof createEmbeddedStore>[0]> = {}) {
  const store = createEmbeddedStore({ dataDir, ...extra });
  await store.init();
  return store;
}

describeStoreContract('embedded', {
  create: () => openStore(tempDir()),
  async createUnreachable() {
    const store = await openStore(tempDir());
    await store.close();
    return store;
  },
});

describe('embedded store files', () => {
  it('keeps data after close and reopen of the same data folder', async () => {
    const dir = tempDir();
    const first = await openStore(dir);
    const created = await first.users.create(buildUser());
    await first.close();
    const second = await openStore(dir);
    expect(await second.users.get('user-1', 'user-1')).toEqual(created);
    await second.close();
  });

  it('creates the data folder when it does not exist', async () => {
    const dir = join(tempDir(), 'nested', 'data');
    const store = await openStore(dir);
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
  });

  it('fails init with unavailable when the data folder cannot be created', async () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    const store = createEmbeddedStore({ dataDir: join(file, 'data') });
    const err = await store.init().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('unavailable');
  });

  it('reports unavailable from ping and writes while another process holds the file locked', async () => {
    const dir = tempDir();
    const store = await openStore(dir, { busyTimeoutMs: 50 });
    const other = new Database(join(dir, 'nudges.sqlite'));
    other.exec('BEGIN EXCLUSIVE');
    try {
      await expect(store.ping()).rejects.toMatchObject({ code: 'unavailable' });
      await expect(store.users.create(buildUser())).rejects.toMatchObject({ code: 'unavailable' });
    } finally {
      other.exec('ROLLBACK');
      other.close();
      await store.close();
    }
  });

  it('maps the error of a write to a read-only file to unavailable', async () => {
    const dir = tempDir();
    const writer = await openStore(dir);
    await writer.close();
    // Running as root ignores chmod, so produce SQLite's real read-only error with a read-only handle.
    const readOnly = new Database(join(dir, 'nudges.sqlite'), { readonly: true });
    let failure: unknown;
    try {
      readOnly.prepare("INSERT INTO _health (k, v) VALUES ('x', 'y')").run();
    } catch (err) {
      failure = err;
    } finally {
      readOnly.close();
    }
    expect(mapSqliteError(failure, 'ping')).toMatchObject({ code: 'unavailable' });
  });
});

describe('embedded store time-to-live', () => {
  let clock: Date;
  let store: Store;
  beforeEach(async () => {
    clock = new Date('2026-01-05T09:00:00Z');
    store = await openStore(tempDir(), { now: () => clock });
  });
  afterEach(() => store.close());

  it('hides an item once its ttl has passed and lets its id be created again', async () => {
    await store.deliveries.create(buildDelivery({ ttl: 60 }));
    clock = new Date('2026-01-05T09:00:59Z');
    expect(await store.deliveries.get('user-1', 'user-1|2026-W02')).toBeDefined();
    clock = new Date('2026-01-05T09:01:01Z');
    expect(await store.deliveries.get('user-1', 'user-1|2026-W02')).toBeUndefined();
    expect(await store.deliveries.count({})).toBe(0);
    await expect(store.deliveries.create(buildDelivery({ state: 'sent' }))).resolves.toMatchObject({ state: 'sent' });
  });

  it('counts ttl from the last write, and -1 keeps the item for ever', async () => {
    const created = await store.deliveries.create(buildDelivery({ ttl: 60 }));
    clock = new Date('2026-01-05T09:00:50Z');
    await store.deliveries.replace(buildDelivery({ ttl: -1 }), created.etag);
    clock = new Date('2030-01-01T00:00:00Z');
    expect(await store.deliveries.get('user-1', 'user-1|2026-W02')).toBeDefined();
  });

  it('honours ttl in every container, teams and running counts included (retention on every record kind)', async () => {
    const team = { ...buildUser(), id: 't1', teamId: 't1', ttl: 1 } as unknown as Parameters<
      Store['teams']['create']
    >[0];
    await store.teams.create(team);
    clock = new Date('2026-01-06T09:00:00Z');
    expect(await store.teams.get('t1', 't1')).toBeUndefined();
  });
});
