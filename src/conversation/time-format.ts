import { DateTime } from 'luxon';

/**
 * A time shown to a person: always with the year and their time zone, so it reads right in a chat
 * and in a document read months later, e.g. 'Monday 30 November 2026, 09:00 (Europe/London)'.
 */
export function formatLocal(iso: string, timeZone: string): string {
  const dt = DateTime.fromISO(iso, { zone: timeZone });
  if (!dt.isValid) return iso;
  return `${dt.setLocale('en-GB').toFormat('cccc d LLLL yyyy, HH:mm')} (${timeZone})`;
}

/** A short date, e.g. '30 Nov 2026'. */
export function formatDate(iso: string, timeZone: string): string {
  const dt = DateTime.fromISO(iso, { zone: timeZone });
  return dt.isValid ? dt.setLocale('en-GB').toFormat('d LLL yyyy') : iso;
}
