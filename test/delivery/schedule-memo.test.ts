import { computeNextDue, periodOf, type ScheduleSpec } from '../../src/delivery/schedule';

const spec: ScheduleSpec = { timeZone: 'Europe/London', day: 'mon', time: '09:00', frequency: 'weekly' };
const fortnightly: ScheduleSpec = { ...spec, frequency: 'fortnightly', anchorDate: '2026-03-02' };

describe('next-due times asked for many owners in a row', () => {
  // Every 7 hours over 10 weeks across the spring clock change, in three orders: the memo must never change an answer.
  const afters = Array.from(
    { length: 240 },
    (_, i) => new Date(Date.parse('2026-03-01T00:00:00Z') + i * 7 * 3_600_000),
  );
  const answers = (s: ScheduleSpec, order: Date[]) =>
    new Map(order.map((a) => [a.getTime(), computeNextDue(s, a).toISOString()]));

  it.each([
    ['weekly', spec],
    ['fortnightly', fortnightly],
  ])('gives the same %s slot whatever order the instants come in', (_name, s) => {
    const forward = answers(s, afters);
    const backward = answers(s, [...afters].reverse());
    const shuffled = answers(
      s,
      [...afters].sort((a, b) => ((a.getTime() * 7919) % 101) - ((b.getTime() * 7919) % 101)),
    );
    expect(backward).toEqual(forward);
    expect(shuffled).toEqual(forward);
    for (const [at, slot] of forward) expect(Date.parse(slot)).toBeGreaterThan(at);
  });

  it('keeps 09:00 local on both sides of the clock change', () => {
    expect(computeNextDue(spec, new Date('2026-03-24T00:00:00Z')).toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(computeNextDue(spec, new Date('2026-03-20T00:00:00Z')).toISOString()).toBe('2026-03-23T09:00:00.000Z');
    expect(periodOf(new Date('2026-03-30T08:00:00.000Z'), 'Europe/London')).toBe('2026-W14');
  });
});
