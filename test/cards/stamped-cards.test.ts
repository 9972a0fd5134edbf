import { createCardRenderer, type CardRenderer } from '../../src/cards/render';
import { createStampedCards } from '../../src/cards/stamped-cards';
import { loadContent } from '../../src/content/load';
import { nudgeCourseIds, nudgeViewFor } from '../../src/conversation/nudge-view';
import { ROLES } from '../../src/domain';
import { createDeliveryRuntime } from '../../src/delivery-runtime';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { isSignedCourseLink } from '../../src/conversation/course-links';
import { openTestStore } from '../support/stores';
import type { Owner } from '../../src/delivery/owners';
import type { Sender } from '../../src/delivery/sender';
import type { DeliveryRecord } from '../../src/domain';

const content = loadContent();
const renderer = createCardRenderer();
/** The real nudge card: the delivery id in its buttons' data, the tenant inside its course links' URLs. */
const nudgeCardFor = (nudgeIndex: number, [deliveryId, tenantId]: readonly string[]) =>
  renderer.render(
    'nudge',
    nudgeViewFor({ content }, content.nudges[nudgeIndex]!, deliveryId!, ROLES[0]!, {
      baseUrl: 'https://nudges.example',
      tenantId: tenantId!,
    }),
  );
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('stamped nudge cards', () => {
  it('equal the card rendered with the values, for delivery ids that need JSON escaping too', () => {
    const stamped = createStampedCards();
    for (const id of ['user-1|2026-W10', 'o"dd\\id|</script>|\u2028|é', '']) {
      for (const n of [0, 1, content.nudges.length - 1]) {
        const card = stamped.card(`nudge-${n}`, [id, TENANT], (v) => nudgeCardFor(n, v));
        expect(card).toEqual(nudgeCardFor(n, [id, TENANT]));
        expect(JSON.stringify(card)).toContain(`?t=${TENANT}`); // the tenant went into the course links
      }
    }
  });

  it('renders a card once for every organisation: the tenant is stamped into the links', () => {
    const stamped = createStampedCards();
    let renders = 0;
    const build = (v: readonly string[]) => (renders++, nudgeCardFor(0, v));
    const tenants = ['t1', 'contoso-nhs', TENANT, 'a.b~c_d'];
    for (const t of tenants) {
      const card = stamped.utf8('k', [`user|${t}`, t], build);
      expect(JSON.parse(card.toString('utf8'))).toEqual(nudgeCardFor(0, [`user|${t}`, t]));
    }
    expect(renders).toBe(1); // one expansion, with placeholders
  });

  it('renders afresh a use whose tenant would need escaping inside a URL, and gets it right', () => {
    const stamped = createStampedCards();
    stamped.card('k', ['d1', 't1'], (v) => nudgeCardFor(0, v)); // warm
    for (const odd of ['t&x=1', 'a b', 'é', '"quoted"']) {
      expect(stamped.card('k', ['d2', odd], (v) => nudgeCardFor(0, v))).toEqual(nudgeCardFor(0, ['d2', odd]));
    }
  });

  it('gives the same card serialised as UTF-8, ready to send, without building it', () => {
    const stamped = createStampedCards();
    for (const id of ['user-1|2026-W10', 'o"dd\\id|</script>|\u2028|é', '']) {
      const bytes = stamped.utf8('k', [id, TENANT], (v) => nudgeCardFor(2, v));
      expect(Buffer.isBuffer(bytes)).toBe(true);
      expect(bytes.equals(Buffer.from(JSON.stringify(nudgeCardFor(2, [id, TENANT])), 'utf8'))).toBe(true);
    }
  });

  it('every use gets its own object', () => {
    const stamped = createStampedCards();
    const first = stamped.card('k', ['a', 't'], (v) => nudgeCardFor(0, v));
    first.version = 'changed';
    expect(stamped.card('k', ['b', 't'], (v) => nudgeCardFor(0, v)).version).not.toBe('changed');
  });

  it('renders afresh every time when the template changes a value rather than placing it', () => {
    const cases: ((v: readonly string[]) => Record<string, unknown>)[] = [
      (v) => ({ shout: v[0]!.toUpperCase(), id: v[0] }),
      (v) => ({ url: `https://x.example/?t=${v[0]!.toLowerCase()}`, id: v[0] }),
    ];
    for (const shape of cases) {
      const stamped = createStampedCards();
      let renders = 0;
      const build = (v: readonly string[]) => (
        renders++,
        { type: 'AdaptiveCard' as const, version: '1.5', ...shape(v) }
      );
      for (const id of ['a"1', 'B', 'c']) {
        expect(stamped.card('k', [id], build)).toEqual(build([id]));
      }
      expect(renders).toBe(1 + 3 + 3); // the first look, each use, and the comparisons here
    }
  });

  it('stamps correctly a placeholder used as a key, after a quote or a backslash in the text, or beside another', () => {
    const shapes: ((v: readonly string[]) => Record<string, unknown>)[] = [
      (v) => ({ data: { [v[0]!]: 1 } }),
      (v) => ({ text: `"${v[0]}`, end: `${v[0]}"`, both: `"${v[0]}"` }),
      (v) => ({ text: `\\${v[0]}\\`, pair: `${v[0]}${v[1]}`, list: [v[1], v[0]] }),
    ];
    for (const shape of shapes) {
      const stamped = createStampedCards();
      const build = (v: readonly string[]) => ({ type: 'AdaptiveCard' as const, version: '1.5', ...shape(v) });
      for (const values of [
        ['a"1', 't1'],
        ['b\\', 'T-2'],
        ['c', 'x y'],
      ]) {
        expect(stamped.card('k', values, build)).toEqual(build(values));
      }
    }
  });

  it('throws too_large when the stamped values make the card 60 KB or more in UTF-16, as rendering would', () => {
    const stamped = createStampedCards();
    const build = (v: readonly string[]) => ({ type: 'AdaptiveCard' as const, version: '1.5', a: v[0], b: v[0] });
    // Two 16 K-letter values: 32 KB in UTF-8, 64 KB in UTF-16.
    expect(() => stamped.card('k', ['x'.repeat(16 * 1024)], build)).toThrow(
      expect.objectContaining({ code: 'too_large' }),
    );
    expect(() => stamped.utf8('k2', ['x'.repeat(16 * 1024)], build)).toThrow(
      expect.objectContaining({ code: 'too_large' }),
    );
    // Two 7 K-euro values: 42 KB in UTF-8 but 28 KB in UTF-16, inside the limit.
    expect(stamped.card('k3', ['€'.repeat(7 * 1024)], build)).toEqual(build(['€'.repeat(7 * 1024)]));
  });

  it('keeps at most maxEntries cards', () => {
    const stamped = createStampedCards({ maxEntries: 2 });
    let renders = 0;
    const build = (v: readonly string[]) => (renders++, { type: 'AdaptiveCard' as const, version: '1.5', id: v[0] });
    for (const key of ['a', 'b', 'c', 'a']) stamped.card(key, ['v'], build);
    expect(renders).toBe(4); // 'a' was dropped when 'c' came in
  });
});

describe("the delivery engine's weekly nudge card", () => {
  it("stamps each person's practice into the course links, one template expansion for every practice", async () => {
    let renders = 0;
    const counting: CardRenderer = { render: (name, data) => (renders++, renderer.render(name, data)) };
    const config = { ...loadConfig({ PORT: '0' }), linkSigningKey: 'k'.repeat(40) };
    const store = openTestStore('embedded');
    const runtime = createDeliveryRuntime({
      config,
      store,
      content,
      cards: counting,
      sender: {} as Sender, // composing a card sends nothing
      logger: silentLogger,
      now: () => new Date(),
      instanceId: 'test',
    });
    const nudge = content.nudges.find((n) => nudgeCourseIds({ content }, n, ROLES[0]!).length > 0)!;
    const owner: Owner = {
      kind: 'user',
      id: 'user-1',
      tenantId: TENANT,
      conversation: {
        conversationId: 'a:1',
        serviceUrl: 'https://smba.example',
        tenantId: TENANT,
        channelId: 'msteams',
      },
      schedule: { timeZone: 'Europe/London', day: 'mon', time: '09:00', frequency: 'weekly' },
      role: ROLES[0]!,
      focus: [],
      history: { seen: [], notUseful: [], sentCount: 0 },
      nextDueAt: '2026-12-07T09:00:00.000Z',
    };
    const delivery = { id: 'user-1|2026-W50' } as DeliveryRecord; // only its id goes into the card
    const scopes = [undefined, 'practice-a', 'b8f2c1de-0000-4000-8000-000000000001'].map((practiceId) => {
      const card = runtime.deps.composeNudge(owner, nudge, delivery, practiceId).card;
      const links = [...JSON.stringify(card).matchAll(/\/go\/([\w-]+)\?t=([\w~-]+)&h=([\w-]+)&s=([\w-]+)/g)];
      expect(links.length).toBeGreaterThan(0);
      for (const [, courseId, t, h, s] of links) {
        expect(t).toBe(practiceId ? `${TENANT}~${practiceId}` : TENANT);
        expect(isSignedCourseLink(config.linkSigningKey, courseId!, t!, s!, h)).toBe(true);
      }
      return links[0]![2];
    });
    expect(new Set(scopes).size).toBe(3);
    expect(renders).toBe(1); // the practice is a stamped value, not part of the template's key
    await store.close();
  });
});
