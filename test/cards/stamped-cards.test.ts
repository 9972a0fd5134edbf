import { createCardRenderer } from '../../src/cards/render';
import { createStampedCards } from '../../src/cards/stamped-cards';
import { sampleCardData } from '../../src/cards/sample-data';
import { loadContent } from '../../src/content/load';
import { ROLES } from '../../src/store/types';

const content = loadContent();
const renderer = createCardRenderer();
const nudgeCardFor = (nudgeIndex: number, deliveryId: string) => {
  const nudge = content.nudges[nudgeIndex]!;
  return renderer.render('nudge', { ...sampleCardData(content, nudge, ROLES[0]!).nudge, deliveryId });
};

describe('stamped nudge cards', () => {
  it('equal the card rendered with the delivery id, for ids that need JSON escaping too', () => {
    const stamped = createStampedCards();
    for (const id of ['user-1|2026-W10', 'o"dd\\id|</script>|\u2028|é', '']) {
      for (const n of [0, 1, content.nudges.length - 1]) {
        expect(stamped.card(`nudge-${n}`, id, (p) => nudgeCardFor(n, p))).toEqual(nudgeCardFor(n, id));
      }
    }
  });

  it('renders a key once and stamps every later use', () => {
    const stamped = createStampedCards();
    let renders = 0;
    const build = (p: string) => (renders++, nudgeCardFor(0, p));
    const ids = Array.from({ length: 20 }, (_, i) => `user-${i}|2026-W10`);
    const cards = ids.map((id) => stamped.card('k', id, build));
    expect(renders).toBe(1);
    expect(cards.map((c) => JSON.stringify(c).includes(`"deliveryId":"user-7|2026-W10"`))).toEqual(
      ids.map((_, i) => i === 7),
    );
    cards[0]!.version = 'changed';
    expect(stamped.card('k', 'x', build).version).not.toBe('changed'); // every use gets its own object
  });

  it('gives the same card serialised as UTF-8, ready to send, without building it', () => {
    const stamped = createStampedCards();
    let renders = 0;
    const build = (p: string) => (renders++, nudgeCardFor(2, p));
    for (const id of ['user-1|2026-W10', 'o"dd\\id|</script>|\u2028|é', '']) {
      const bytes = stamped.utf8('k', id, build);
      expect(Buffer.isBuffer(bytes)).toBe(true);
      expect(JSON.parse(bytes.toString('utf8'))).toEqual(nudgeCardFor(2, id));
      expect(bytes.equals(Buffer.from(JSON.stringify(nudgeCardFor(2, id)), 'utf8'))).toBe(true);
    }
    expect(renders).toBe(1);
  });

  it('renders afresh each time when the placeholder is part of a longer string', () => {
    const stamped = createStampedCards();
    const build = (p: string) => ({ type: 'AdaptiveCard' as const, version: '1.5', url: `https://x/go?d=${p}` });
    expect(stamped.card('k', 'a&b', build)).toEqual(build('a&b'));
    expect(stamped.card('k', 'c', build)).toEqual(build('c'));
  });

  it('throws too_large when the stamped value makes the card 40 KB or more', () => {
    const stamped = createStampedCards();
    const build = (p: string) => ({ type: 'AdaptiveCard' as const, version: '1.5', a: p, b: p });
    expect(() => stamped.card('k', 'x'.repeat(21 * 1024), build)).toThrow(
      expect.objectContaining({ code: 'too_large' }),
    );
  });

  it('keeps at most maxEntries cards', () => {
    const stamped = createStampedCards({ maxEntries: 2 });
    let renders = 0;
    const build = (p: string) => (renders++, { type: 'AdaptiveCard' as const, version: '1.5', id: p });
    for (const key of ['a', 'b', 'c', 'a']) stamped.card(key, 'v', build);
    expect(renders).toBe(4); // 'a' was dropped when 'c' came in
  });
});
