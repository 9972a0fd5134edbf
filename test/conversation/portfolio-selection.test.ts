import type { ReflectionRecord } from '../../src/domain';
import { MAX_PORTFOLIO_ENTRIES, selectReflections } from '../../src/conversation/portfolio-facts';

const reflection = (id: string, behaviourId: string, savedAt: string): ReflectionRecord => ({
  id: `refl|u|${id}`,
  kind: 'reflection',
  userId: 'u',
  tenantId: 't',
  deliveryId: `u|${id}`,
  nudgeId: `${behaviourId}-01`,
  behaviourId,
  text: id,
  savedAt,
});

const all = [
  reflection('a', 'compassion', '2026-10-05T08:00:00.000Z'),
  reflection('b', 'vision', '2026-11-02T08:00:00.000Z'),
  // 23:30 UTC on 30 November: still 30 November in London, already 1 December in Auckland.
  reflection('c', 'compassion', '2026-11-30T23:30:00.000Z'),
  reflection('d', 'values', '2026-12-07T09:00:00.000Z'),
];

const texts = (rs: ReflectionRecord[]) => rs.map((r) => r.text);

describe('choosing reflections for a portfolio', () => {
  it('takes the latest N, newest first, never more than a document holds', () => {
    expect(texts(selectReflections(all, { behaviour: 'any', count: 1 }, 'Europe/London'))).toEqual(['d']);
    expect(texts(selectReflections(all, { behaviour: 'any', count: 9 }, 'Europe/London'))).toHaveLength(
      MAX_PORTFOLIO_ENTRIES,
    );
  });

  it('takes only the chosen behaviour', () => {
    expect(texts(selectReflections(all, { behaviour: 'compassion', count: 2 }, 'Europe/London'))).toEqual(['c', 'a']);
  });

  it("takes a date range in the person's own time zone, both ends included", () => {
    const nov = { behaviour: 'any', from: '2026-11-01', to: '2026-11-30', count: 2 };
    expect(texts(selectReflections(all, nov, 'Europe/London'))).toEqual(['c', 'b']);
    // In Auckland 'c' was written on 1 December, outside November.
    expect(texts(selectReflections(all, nov, 'Pacific/Auckland'))).toEqual(['b']);
    expect(texts(selectReflections(all, { behaviour: 'any', from: '2026-12-01', count: 2 }, 'Europe/London'))).toEqual([
      'd',
    ]);
    expect(texts(selectReflections(all, { behaviour: 'vision', to: '2026-10-31', count: 2 }, 'Europe/London'))).toEqual(
      [],
    );
  });
});
