import { computeNextDue, periodOf, tomorrowAtLocalTime, type ScheduleSpec } from '../../src/delivery/schedule';

const london: ScheduleSpec = { timeZone: 'Europe/London', day: 'mon', time: '09:00', frequency: 'weekly' };

describe('computeNextDue', () => {
  it('keeps 09:00 local across the March clock change in London (GMT -> BST)', () => {
    // Sunday 29 March 2026 is the last Sunday of March.
    const before = computeNextDue({ ...london, day: 'sun' }, new Date('2026-03-22T09:30:00Z'));
    expect(before.toISOString()).toBe('2026-03-29T08:00:00.000Z'); // 09:00 BST
    const monday = computeNextDue(london, new Date('2026-03-24T00:00:00Z'));
    expect(monday.toISOString()).toBe('2026-03-30T08:00:00.000Z');
    const prior = computeNextDue(london, new Date('2026-03-17T00:00:00Z'));
    expect(prior.toISOString()).toBe('2026-03-23T09:00:00.000Z'); // 09:00 GMT
  });

  it('keeps 09:00 local across the October clock change in London (BST -> GMT)', () => {
    // Sunday 25 October 2026 is the last Sunday of October.
    const sunday = computeNextDue({ ...london, day: 'sun' }, new Date('2026-10-19T00:00:00Z'));
    expect(sunday.toISOString()).toBe('2026-10-25T09:00:00.000Z'); // 09:00 GMT
    const monday = computeNextDue(london, new Date('2026-10-20T00:00:00Z'));
    expect(monday.toISOString()).toBe('2026-10-26T09:00:00.000Z');
    const before = computeNextDue(london, new Date('2026-10-13T00:00:00Z'));
    expect(before.toISOString()).toBe('2026-10-19T08:00:00.000Z'); // 09:00 BST
  });

  it('returns a slot strictly after the given instant', () => {
    const slot = new Date('2026-03-23T09:00:00Z');
    expect(computeNextDue(london, slot).toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(computeNextDue(london, new Date(slot.getTime() - 1)).toISOString()).toBe(slot.toISOString());
  });

  it('uses the local day across the date line (Pacific/Kiritimati, UTC+14)', () => {
    const spec: ScheduleSpec = { timeZone: 'Pacific/Kiritimati', day: 'mon', time: '08:00', frequency: 'weekly' };
    // Monday 08:00 in Kiritimati is Sunday 18:00 UTC.
    const slot = computeNextDue(spec, new Date('2026-06-01T00:00:00Z'));
    expect(slot.toISOString()).toBe('2026-06-07T18:00:00.000Z');
    expect(periodOf(slot, spec.timeZone)).toBe('2026-W24');
    expect(periodOf(slot, 'UTC')).toBe('2026-W23');
  });

  it('follows New Zealand daylight saving in Pacific/Auckland (ends first Sunday of April)', () => {
    const spec: ScheduleSpec = { timeZone: 'Pacific/Auckland', day: 'mon', time: '09:00', frequency: 'weekly' };
    const a = computeNextDue(spec, new Date('2026-03-29T00:00:00Z'));
    expect(a.toISOString()).toBe('2026-03-29T20:00:00.000Z'); // NZDT +13
    const b = computeNextDue(spec, a);
    expect(b.toISOString()).toBe('2026-04-05T21:00:00.000Z'); // NZST +12
  });

  it('sends fortnightly in even weeks counted from the anchor date', () => {
    const spec: ScheduleSpec = { ...london, frequency: 'fortnightly', anchorDate: '2026-01-05' };
    const first = computeNextDue(spec, new Date('2026-01-06T00:00:00Z'));
    expect(first.toISOString()).toBe('2026-01-19T09:00:00.000Z');
    const second = computeNextDue(spec, first);
    expect(second.toISOString()).toBe('2026-02-02T09:00:00.000Z');
    // Across the March change the parity holds: 2026-03-30 is 12 weeks after the anchor.
    expect(computeNextDue(spec, new Date('2026-03-24T00:00:00Z')).toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });

  it('gives no slot before pausedUntil', () => {
    const spec: ScheduleSpec = { ...london, pausedUntil: '2026-02-10T00:00:00Z' };
    expect(computeNextDue(spec, new Date('2026-01-01T00:00:00Z')).toISOString()).toBe('2026-02-16T09:00:00.000Z');
    const exact: ScheduleSpec = { ...london, pausedUntil: '2026-02-16T09:00:00Z' };
    expect(computeNextDue(exact, new Date('2026-01-01T00:00:00Z')).toISOString()).toBe('2026-02-16T09:00:00.000Z');
  });
});

describe('periodOf', () => {
  it('names the ISO week in the owner zone, including week-year boundaries', () => {
    expect(periodOf(new Date('2026-11-23T09:00:00Z'), 'Europe/London')).toBe('2026-W48');
    expect(periodOf(new Date('2027-01-01T09:00:00Z'), 'Europe/London')).toBe('2026-W53');
  });
});

describe('tomorrowAtLocalTime', () => {
  it('gives the chosen local time on the next local day', () => {
    expect(tomorrowAtLocalTime(london, new Date('2026-03-28T12:00:00Z')).toISOString()).toBe(
      '2026-03-29T08:00:00.000Z',
    );
  });
});
