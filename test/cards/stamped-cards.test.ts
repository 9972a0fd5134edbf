import { createCardRenderer } from '../../src/cards/render';
import { createStampedCards } from '../../src/cards/stamped-cards';
import { loadContent } from '../../src/content/load';
import { nudgeViewFor } from '../../src/conversation/nudge-view';
import { ROLES } from '../../src/domain';

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
