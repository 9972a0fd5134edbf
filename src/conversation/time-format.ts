import { DateTime } from 'luxon';

/** A time shown to a person in their own zone, e.g. 'Monday 30 November, 09:00' (with the zone when asked). */
export function formatLocal(iso: string, timeZone: string, withZone = false): string {
  const dt = DateTime.fromISO(iso, { zone: timeZone });
  if (!dt.isValid) return iso;
  const text = dt.setLocale('en-GB').toFormat('cccc d LLLL, HH:mm');
  return withZone ? `${text} (${timeZone})` : text;
}

/** A short date, e.g. '30 Nov 2026'. */
export function formatDate(iso: string, timeZone: string): string {
  const dt = DateTime.fromISO(iso, { zone: timeZone });
  return dt.isValid ? dt.setLocale('en-GB').toFormat('d LLL yyyy') : iso;
}
