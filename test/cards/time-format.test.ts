/**
 * How times are written for a person: always with the year and the time zone, in their Teams
 * locale's variant of English; any other locale (or a malformed one) reads as en-GB, because the
 * bot's sentences are English.
 */
import {
  acceptedLocale,
  dateLocale,
  formatClock,
  formatDate,
  formatLocal,
  timeSlotChoices,
} from '../../src/cards/time-format';

const AT = '2026-11-30T14:05:00Z';

describe('formatLocal', () => {
  it('writes en-GB by default, with the weekday, the year, a 24-hour time and the zone', () => {
    expect(formatLocal(AT, 'Europe/London')).toBe('Monday 30 November 2026, 14:05 (Europe/London)');
    expect(formatLocal(AT, 'Europe/London', 'en-GB')).toBe('Monday 30 November 2026, 14:05 (Europe/London)');
  });

  it('follows an English variant the client reports (month first and a 12-hour clock for en-US)', () => {
    const us = formatLocal(AT, 'America/New_York', 'en-US');
    expect(us).toMatch(/^Monday, November 30, 2026(,| at) 9:05\sAM \(America\/New_York\)$/);
  });

  it('writes en-GB for a locale in another language, so a sentence never mixes two languages', () => {
    for (const locale of ['de-DE', 'cy-GB', 'fr', 'pl-PL']) {
      expect(formatLocal(AT, 'Europe/London', locale)).toBe('Monday 30 November 2026, 14:05 (Europe/London)');
    }
  });

  it('writes en-GB for a malformed locale instead of failing', () => {
    for (const locale of ['', 'en_GB!', 'x'.repeat(30), 'en-', '<script>']) {
      expect(formatLocal(AT, 'Europe/London', locale)).toBe('Monday 30 November 2026, 14:05 (Europe/London)');
    }
  });

  it('keeps the local date across midnight in the person’s zone', () => {
    expect(formatLocal('2026-11-30T23:30:00Z', 'Pacific/Auckland', 'en-NZ')).toMatch(/^Tuesday,? 1 December 2026/);
  });
});

describe('formatDate', () => {
  it('writes a short date with the weekday and the year in the person’s variant of English', () => {
    expect(formatDate(AT, 'Europe/London')).toBe('Mon 30 Nov 2026');
    expect(formatDate(AT, 'America/New_York', 'en-US')).toBe('Mon, Nov 30, 2026');
    expect(formatDate(AT, 'Europe/London', 'de-DE')).toBe('Mon 30 Nov 2026');
  });
});

describe('locale checks', () => {
  it('uses only English locales for dates', () => {
    expect(dateLocale(undefined)).toBe('en-GB');
    expect(dateLocale('en-US')).toBe('en-US');
    expect(dateLocale('en-IE')).toBe('en-IE');
    expect(dateLocale('cy-GB')).toBe('en-GB');
  });

  it('stores a well-formed short locale in its canonical spelling and nothing else', () => {
    expect(acceptedLocale('en-gb')).toBe('en-GB');
    expect(acceptedLocale('cy-GB')).toBe('cy-GB');
    expect(acceptedLocale('not a locale')).toBeUndefined();
    expect(acceptedLocale('en-GB-'.padEnd(25, 'x'))).toBeUndefined();
    expect(acceptedLocale(undefined)).toBeUndefined();
  });
});

describe('formatClock and the times a settings card offers', () => {
  it('writes a clock time in the same style as the dates: 24-hour for en-GB, 12-hour for en-US', () => {
    expect(formatClock('19:00')).toBe('19:00');
    expect(formatClock('09:09', 'en-GB')).toBe('09:09');
    expect(formatClock('19:00', 'en-US')).toMatch(/^7:00\sPM$/);
    expect(formatClock('09:09', 'en-US')).toMatch(/^9:09\sAM$/);
    expect(formatClock('09:09', 'de-DE')).toBe('09:09');
  });

  it('offers only times that are saved as offered: half hours from 07:00 to 19:00, plus the current time', () => {
    const gb = timeSlotChoices('en-GB', '09:09');
    expect(gb[0]).toEqual({ title: '07:00', value: '07:00' });
    expect(gb.at(-1)).toEqual({ title: '19:00', value: '19:00' });
    expect(gb.map((c) => c.value)).toContain('09:09');
    expect(gb.every((c) => c.value >= '07:00' && c.value <= '19:00' && c.title === c.value)).toBe(true);
    const us = timeSlotChoices('en-US');
    expect(us.find((c) => c.value === '19:00')?.title).toMatch(/^7:00\sPM$/);
    // Nothing after the latest slot, so a picked "7:30 PM" can never be saved as 19:00.
    expect(us.some((c) => /7:30\sPM/.test(c.title))).toBe(false);
    expect(timeSlotChoices('en-GB', '22:00').map((c) => c.value)).not.toContain('22:00');
  });
});
