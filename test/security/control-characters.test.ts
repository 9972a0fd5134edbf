import { firstReply } from '../support/connector-double';
import { createCardRenderer, historyCardData, MAX_CARD_BYTES, stripControlCharacters } from '../../src/cards';
import type { ReflectionRecord } from '../../src/domain';
import { messageActivity } from '../support/activities';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';
import { installAndNudge, reflectionSave } from '../support/nudged-person';
import { openTestStore, STORE_KINDS } from '../support/stores';

jest.setTimeout(120_000);

const renderer = createCardRenderer();
const teamsBytes = (card: unknown) => JSON.stringify(card).length * 2;

/** Reflections as an attacker (or an old record saved before the fix) might hold them, 2,000 characters each. */
const HOSTILE_TEXTS: Record<string, string> = {
  'U+0001': '\u0001'.repeat(2000),
  'mixed controls': 'a\u0000\u0007\u001b[31m\u007f\u0085\u202e'.repeat(250),
  'lone surrogates': '\ud800'.repeat(2000),
  'markup characters': '*'.repeat(2000),
  backslashes: '\\'.repeat(2000),
  quotes: '"'.repeat(2000),
};

describe('control characters in reflections (security review L3: the history card reached 81 KB)', () => {
  it('keeps line breaks and tabs, and removes every other control character, direction override and lone surrogate', () => {
    expect(
      stripControlCharacters('one\r\ntwo\rthree\n\tfour\u0000\u0001\u001f\u007f\u0085\u202e\u2066five\ud800'),
    ).toBe('one\ntwo\nthree\n\tfourfive');
    expect(stripControlCharacters('Emoji stay: 👩🏽‍⚕️ and café')).toBe('Emoji stay: 👩🏽‍⚕️ and café');
  });

  it.each(Object.keys(HOSTILE_TEXTS))(
    'renders a history card of ten 2,000-character reflections of %s under the 60 KB limit',
    (name) => {
      const reflections: ReflectionRecord[] = Array.from({ length: 10 }, (_, i) => ({
        id: `refl|d${i}`,
        kind: 'reflection',
        userId: 'u',
        tenantId: 't',
        deliveryId: `d${i}`,
        nudgeId: 'n',
        behaviourId: 'b',
        text: HOSTILE_TEXTS[name]!,
        savedAt: `2026-11-${String(10 + i).padStart(2, '0')}T10:00:00Z`,
      }));
      const data = historyCardData(
        { reflections, answers: [] },
        { behaviours: [], nudges: [], teamNudges: [] },
        { timeZone: 'Europe/London' },
      );
      const card = renderer.render('history', data);
      expect(teamsBytes(card)).toBeLessThan(MAX_CARD_BYTES);
      expect(JSON.stringify(card)).not.toMatch(/\\u00[01]|\\ud8/i);
    },
  );

  describe.each(STORE_KINDS)('over HTTP on the %s store', (kind) => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ store: openTestStore(kind) });
    });
    afterAll(async () => {
      await h.close();
    });

    it('stores a reflection without control characters, and "history" answers with a card under the limit', async () => {
      const nudge = await installAndNudge(h, 5100);
      const p = nudge.person;
      const typed = `First line\r\n\tSecond\u0001\u0007 line\u202e${'\u0001'.repeat(1900)}`;
      expect((await h.post(reflectionSave(h, nudge, typed))).status).toBe(200);
      const [stored] = (await h.app.store.responses.query({ partitionKey: p.aadObjectId })).filter(
        (r) => r.kind === 'reflection',
      ) as ReflectionRecord[];
      expect(stored?.text).toBe('First line\n\tSecond line');

      // Nine more saved before this fix, each 2,000 U+0001 characters (what the review stored).
      for (let i = 0; i < 9; i++) {
        await h.app.store.responses.upsert({
          ...stored!,
          id: `refl|old-${i}`,
          deliveryId: `old-${i}`,
          text: '\u0001'.repeat(1990) + 'x'.repeat(10),
          savedAt: `2026-10-${String(10 + i).padStart(2, '0')}T10:00:00.000Z`,
        });
      }
      const before = h.connector.sentTo(p.conversationId).length;
      expect((await h.post(messageActivity(p, h.connector.url, 'history'))).status).toBe(200);
      const reply = firstReply(h.connector.sentTo(p.conversationId), before);
      const card = cardOf(reply);
      expect(cardText(card)).not.toMatch(/Sorry/);
      expect(cardText(card)).toMatch(/First line/);
      expect(teamsBytes(card)).toBeLessThan(MAX_CARD_BYTES);
      expect(JSON.stringify(card)).not.toMatch(/\\u0001/);
    });
  });
});
