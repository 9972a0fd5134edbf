import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store';
import type { Store } from '../../src/store/port';
import type { ReflectionRecord } from '../../src/domain';
import { cardActionActivity, installActivity, messageActivity, person } from '../support/activities';
import { cardOf, cardText, startHarness } from '../support/bot-harness';
import { readNudgeCard, reflectionSave } from '../support/nudged-person';

/**
 * Security review 2026-12-07 L4 (issue 23.8): with another connection reading the SQLite database (an
 * operator's sqlite3 shell, a backup), "delete my data" left the text in the WAL (and the database
 * file), stalled the bot on busy_timeout and still reported success. Success is now reported only
 * when the text is gone; otherwise the person is told when it will be, and a background retry makes
 * it so once the reader lets go.
 */

const SECRET = () => `WAL-SECRET-${process.pid}-${Math.random()}`;
const holds = (file: string, text: string) =>
  [file, `${file}-wal`].filter((f) => existsSync(f) && readFileSync(f).includes(Buffer.from(text)));

/** A second connection holding a read transaction open, as `sqlite3 nudges.sqlite` with BEGIN; SELECT does. */
function openReader(file: string): { release(): void } {
  const reader = new Database(file, { readonly: true });
  reader.exec('BEGIN');
  reader.prepare('SELECT COUNT(*) AS n FROM responses').get();
  return {
    release() {
      reader.exec('COMMIT');
      reader.close();
    },
  };
}

/** The erasure's few quick checkpoint retries (about 1.5 s of waiting) without the wait: the reader stays put. */
const forgetRetrySleep = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}

describe('erasure while another connection reads the embedded database', () => {
  let dir: string;
  let store: Store;
  const file = () => join(dir, 'nudges.sqlite');

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nudges-wal-'));
    store = createEmbeddedStore({ dataDir: dir, purgeIntervalMs: 0, forgetRetryMs: 50, forgetRetrySleep });
    await store.init();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const saveReflection = async (text: string) => {
    await store.responses.create({
      id: 'refl|d1',
      kind: 'reflection',
      userId: 'u1',
      tenantId: 't1',
      deliveryId: 'd1',
      nudgeId: 'n1',
      behaviourId: 'b1',
      text,
      savedAt: new Date().toISOString(),
    });
    await store.forgetDeleted(); // flushes the group commit; nothing deleted yet
  };

  it('does not report the erasure complete while the text is still on disk, and wipes it once the reader goes', async () => {
    const text = SECRET();
    await saveReflection(text);
    const reader = openReader(file());
    // a second version written while the reader holds its snapshot: the WAL cannot be reset under it
    const { etag: _etag, ...first } = (await store.responses.get('u1', 'refl|d1')) as ReflectionRecord & {
      etag: string;
    };
    await store.responses.create({ ...first, id: 'refl|d2', text: `${text}-2` });
    await store.responses.deletePartition('u1');
    const result = await store.forgetDeleted();
    const stillThere = holds(file(), text);
    // the claim matches the disk: complete only if the text is really gone
    expect({ complete: result.complete, onDisk: stillThere.length > 0 }).toEqual({ complete: false, onDisk: true });
    expect(result).toEqual({ complete: false, withinMinutes: 5 });
    reader.release();
    await until(() => holds(file(), text).length === 0, 'the background checkpoint wiped the text');
  });

  it('reports complete, with the text gone, when nobody else reads', async () => {
    const text = SECRET();
    await saveReflection(text);
    expect(holds(file(), text).length).toBeGreaterThan(0);
    await store.responses.deletePartition('u1');
    expect(await store.forgetDeleted()).toEqual({ complete: true });
    expect(holds(file(), text)).toEqual([]);
  });
});

describe('"delete my data" over HTTP while a backup reads the database', () => {
  it('tells the person when the last copy will be wiped instead of claiming it is gone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nudges-wal-http-'));
    const h = await startHarness({
      dataDir,
      store: createEmbeddedStore({ dataDir, forgetRetryMs: 100, forgetRetrySleep }),
    });
    try {
      const p = person(9990);
      const text = SECRET();
      await h.post(installActivity(p, h.connector.url));
      await h.post(messageActivity(p, h.connector.url, 'nudge'));
      await h.post(reflectionSave(h, readNudgeCard(cardOf(h.connector.sentTo(p.conversationId).at(-1)), p), text));
      await h.app.store.forgetDeleted();
      const reader = openReader(join(h.dataDir, 'nudges.sqlite'));
      const res = await h.post(cardActionActivity(p, h.connector.url, 'data.delete.confirm', {}));
      const said = cardText((res.body as { value: unknown }).value);
      expect(said).toMatch(/Your data is deleted/);
      expect(said).toMatch(/wiped within 5 minutes/);
      reader.release();
      await until(() => holds(join(h.dataDir, 'nudges.sqlite'), text).length === 0, 'the text was wiped');
    } finally {
      await h.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
