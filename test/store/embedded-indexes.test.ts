import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runRosterJobs } from '../../src/delivery/roster-jobs';
import { runTick, tickContextFor } from '../../src/delivery/run-tick';
import { readInsightsFigures } from '../../src/insights/read-figures';
import { loadContent } from '../../src/content/load';
import { CONTAINERS } from '../../src/store/containers';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store';
import { practicesLedBy, practicesOf } from '../../src/practice';
import { seedPractice } from '../practice/seed-practice';
import { buildDeps, buildUser, FakeSender, seedUsers } from '../delivery/engine-fixture';

const NOW = new Date('2026-03-02T09:00:30.000Z');

describe('embedded store indexes', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'nudges-indexes-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const planOf = (db: Database.Database, sql: string): string[] =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail);

  it('serves every query of the weekly run and of insights from an index: no table scan, no sort of everyone due', async () => {
    const statements: string[] = [];
    const store = createEmbeddedStore({ dataDir: dir, purgeIntervalMs: 0, onStatement: (sql) => statements.push(sql) });
    await store.init();
    await seedUsers(store, 30); // all due at the same minute, more than a page: the crowd query runs too
    await store.users.create(
      buildUser(99, { nextDueAt: '2026-03-02T08:00:00.000Z', ratedAt: '2026-03-01T10:00:00.000Z' }),
    );
    statements.length = 0;
    const deps = buildDeps(store, new FakeSender(), { now: () => NOW, config: { pageSize: 10 } });
    const counters = await runTick(deps);
    expect(counters.sent).toBe(31);
    const content = loadContent();
    const practiceId = await seedPractice(store, {
      tenantId: 't1',
      teamId: 'team-1',
      name: 'Practice',
      leadId: 'u1',
      members: ['u1', 'u2'],
    });
    await readInsightsFigures(
      store,
      content,
      { kind: 'practice', tenantId: 't1', practiceId, name: 'Practice' },
      NOW,
      [4, 12],
    );
    await practicesOf(store, 't1', 'u1'); // a person's practices (their answers' groups)
    await practicesLedBy(store, 't1', 'u1'); // the practices a person leads (their insights)
    await store.close();

    const reads = [...new Set(statements.filter((s) => /^\s*SELECT\b/i.test(s) && /\bFROM "/.test(s)))];
    expect(reads.some((s) => s.includes(`'$.nextDueAt') <=`))).toBe(true); // the due query ran
    expect(reads.some((s) => s.includes(`'$.nextDueAt') = `) && s.includes('ORDER BY id'))).toBe(true); // and its crowd pages
    expect(reads.some((s) => s.includes(`'$.leaseUntil') <`))).toBe(true); // and the expired-lease query
    expect(reads.some((s) => s.includes(`'$.sentAt') >=`))).toBe(true); // and insights
    const db = new Database(join(dir, 'nudges.sqlite'), { readonly: true });
    try {
      for (const sql of reads) {
        const plan = planOf(db, sql);
        // SEARCH = a lookup in an index or the primary key; SCAN = every row (or every index entry).
        expect({ sql, plan: plan.filter((d) => /^SCAN /.test(d)) }).toEqual({ sql, plan: [] });
        // The due query, both its pages by due time and its pages through a crowd due at the same
        // minute (by id), reads the index in order: no sort of everyone due, however many they are.
        if (/'\$\.nextDueAt'\) (<=|=) '/.test(sql)) {
          expect(plan.join('\n')).toMatch(/USING (COVERING )?INDEX (users|teams)__status__nextDueAt__id/);
          expect(plan.join('\n')).not.toContain('TEMP B-TREE');
        }
      }
    } finally {
      db.close();
    }
  });

  it("serves the engine's every-tick read of pending roster jobs from an index, not a scan of every member", async () => {
    // Read every tick across tenants: a scan would grow with every member and person the roll-out
    // keeps (bench/practices.ts: 90 ms a tick at 2,000 practices of 15, against 3 ms at 200).
    const statements: string[] = [];
    const store = createEmbeddedStore({ dataDir: dir, purgeIntervalMs: 0, onStatement: (sql) => statements.push(sql) });
    await store.init();
    const sender = Object.assign(new FakeSender(), { readRosterPage: async () => ({ members: [] }) });
    const roster = { applyPage: async () => undefined, finish: async () => 0 };
    statements.length = 0;
    await runRosterJobs(tickContextFor(buildDeps(store, sender, { now: () => NOW, roster })));
    await store.close();
    const reads = [...new Set(statements.filter((s) => /^\s*SELECT\b/i.test(s) && /\bFROM "rollout"/.test(s)))];
    expect(reads.some((s) => s.includes(`'$.state') = `))).toBe(true); // the pending-jobs query ran
    const db = new Database(join(dir, 'nudges.sqlite'), { readonly: true });
    try {
      for (const sql of reads)
        expect({ sql, plan: planOf(db, sql).filter((d) => /^SCAN /.test(d)) }).toEqual({ sql, plan: [] });
    } finally {
      db.close();
    }
  });

  it('drops the indexes an earlier version made that are no longer listed, and keeps the data', async () => {
    const first = createEmbeddedStore({ dataDir: dir, purgeIntervalMs: 0 });
    await first.init();
    await first.users.create(buildUser(1));
    await first.close();
    const raw = new Database(join(dir, 'nudges.sqlite'));
    raw.exec(`CREATE INDEX "deliveries__createdAt" ON "deliveries" (json_extract(doc, '$.createdAt'))`);
    raw.exec(`CREATE INDEX "users__tenantId" ON "users" (json_extract(doc, '$.tenantId'))`);
    raw.close();

    const again = createEmbeddedStore({ dataDir: dir, purgeIntervalMs: 0 });
    await again.init();
    expect(await again.users.get('u00001', 'u00001')).toMatchObject({ id: 'u00001' });
    await again.close();
    const check = new Database(join(dir, 'nudges.sqlite'), { readonly: true });
    const names = check
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`)
      .pluck()
      .all() as string[];
    check.close();
    const expected = Object.values(CONTAINERS).flatMap((c) => [
      `${c.name}__expires_at`,
      ...c.indexes.map((fields) => `${c.name}__${fields.join('__')}`),
    ]);
    expect(names).toEqual(expected.sort());
  });
});
