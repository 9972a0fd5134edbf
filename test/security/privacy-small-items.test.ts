import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { historyCardData } from '../../src/cards';
import { createCardRenderer } from '../../src/cards/render';
import { loadContent } from '../../src/content/load';
import type { ReflectionRecord } from '../../src/domain';
import { createLogger } from '../../src/logger';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store';
import { installActivity, messageActivity, person } from '../support/activities';
import { cardOf, cardText, startHarness } from '../support/bot-harness';

/** The smaller items of issue 14 (privacy), each checked where it shows. */

const content = loadContent();

describe('the history card', () => {
  it('stays under the card size limit with ten of the longest reflections, shortened, pointing to the export', () => {
    const nudge = content.nudges[0]!;
    const reflections: ReflectionRecord[] = Array.from({ length: 10 }, (_, i) => ({
      id: `refl|d${i}`,
      kind: 'reflection',
      userId: 'u',
      tenantId: 't',
      deliveryId: `d${i}`,
      nudgeId: nudge.id,
      behaviourId: nudge.behaviour,
      text: `<b>"${'&'.repeat(40)}" ${'word '.repeat(390)}`.slice(0, 2000),
      savedAt: `2026-11-${String(10 + i).padStart(2, '0')}T09:00:00.000Z`,
    }));
    const data = historyCardData({ reflections, answers: [] }, content, { timeZone: 'Europe/London' }, 10);
    const card = createCardRenderer().render('history', data); // throws CardError too_large over the limit
    expect(cardText(card)).toContain('type "export" for the whole text');
    expect(JSON.stringify(card).length).toBeLessThan(40 * 1024);
  });
});

describe('the readiness probe', () => {
  it('writes nothing to the embedded store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nudges-ready-'));
    const store = createEmbeddedStore({ dataDir: dir });
    await store.init();
    for (let i = 0; i < 5; i++) await store.ping();
    await store.close();
    const db = new Database(join(dir, 'nudges.sqlite'), { readonly: true });
    try {
      expect((db.prepare('SELECT COUNT(*) AS n FROM _health').get() as { n: number }).n).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('the logger', () => {
  it("keeps an error's class name readable while still hiding people's names and message text", () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    logger.warn({ err: { name: 'TypeError', message: 'x' }, from: { name: 'Dr Jane Smith' }, text: 'hello' }, 'm');
    const line = JSON.parse(lines[0]!) as { err: { name: string }; from: { name: string }; text: string };
    expect(line.err.name).toBe('TypeError');
    expect(line.from.name).toBe('[redacted]');
    expect(line.text).toBe('[redacted]');
  });
});

describe('the export', () => {
  it('includes the stored conversation reference', async () => {
    const h = await startHarness();
    try {
      const p = person(9900);
      await h.post(installActivity(p, h.connector.url));
      await h.post(messageActivity(p, h.connector.url, 'export'));
      const link = /\/api\/export\/[A-Za-z0-9_-]+/.exec(
        JSON.stringify(cardOf(h.connector.sentTo(p.conversationId).at(-1))),
      );
      const res = await fetch(`${h.baseUrl}${link![0]}`);
      const json = (await res.json()) as { conversationReference?: { conversationId: string; serviceUrl: string } };
      expect(json.conversationReference).toMatchObject({
        conversationId: p.conversationId,
        serviceUrl: h.connector.url,
      });
    } finally {
      await h.close();
    }
  });
});
