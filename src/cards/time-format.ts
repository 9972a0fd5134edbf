import { DateTime } from 'luxon';

/** The bot writes English, so dates follow the person's English variant and anything else reads as en-GB. */
const FALLBACK_LOCALE = 'en-GB';
const ENGLISH_TAG = /^en(?:-[A-Za-z0-9]{1,8})*$/;

/**
 * The locale dates are written in for a Teams locale: the locale itself when it is a variant of English
 * that Intl knows (en-US writes "Monday, November 30, 2026 at 9:00 AM"), else en-GB. The bot's words
 * are English, so a German or Welsh client locale would otherwise mix two languages in one sentence.
 */
export function dateLocale(locale: string | undefined): string {
  if (!locale || !ENGLISH_TAG.test(locale)) return FALLBACK_LOCALE;
  try {
    const [supported] = Intl.DateTimeFormat.supportedLocalesOf(locale);
    return supported ?? FALLBACK_LOCALE;
  } catch {
    return FALLBACK_LOCALE;
  }
}

/** A locale Teams reported, kept only when it is well formed and short: it is stored on the person's record. */
export function acceptedLocale(locale: string | undefined): string | undefined {
  if (!locale || locale.length > 20) return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

/**
 * A time shown to a person: always with the year and their time zone, so it reads right in a chat
 * and in a document read months later, e.g. 'Monday 30 November 2026, 09:00 (Europe/London)', or in
 * their English variant, e.g. 'Monday, November 30, 2026 at 9:00 AM (America/New_York)'.
 */
export function formatLocal(iso: string, timeZone: string, locale?: string): string {
  const dt = DateTime.fromISO(iso, { zone: timeZone });
  if (!dt.isValid) return iso;
  const lang = dateLocale(locale);
  const text =
    lang === FALLBACK_LOCALE
      ? dt.setLocale(lang).toFormat('cccc d LLLL yyyy, HH:mm')
      : dt.setLocale(lang).toLocaleString({
          weekday: 'long',
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          hour: 'numeric',
          minute: '2-digit',
        });
  return `${text} (${timeZone})`;
}

/** A short date with the weekday and year, e.g. 'Mon 30 Nov 2026' (en-GB) or 'Mon, Nov 30, 2026' (en-US). */
export function formatDate(iso: string, timeZone: string, locale?: string): string {
  const dt = DateTime.fromISO(iso, { zone: timeZone });
  if (!dt.isValid) return iso;
  const lang = dateLocale(locale);
  return lang === FALLBACK_LOCALE
    ? dt.setLocale(lang).toFormat('ccc d LLL yyyy')
    : dt.setLocale(lang).toLocaleString({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

/** The earliest and latest times a nudge may come, local to the person or team. */
export const EARLIEST_SLOT = '07:00';
export const LATEST_SLOT = '19:00';

/**
 * A clock time 'HH:MM' as the reader writes it: '19:00' in en-GB (and any non-US English), '7:00 PM'
 * in en-US. The same rule as {@link formatLocal}, so one sentence never mixes the two styles.
 */
export function formatClock(time: string, locale?: string): string {
  const m = /^(\d\d):(\d\d)$/.exec(time);
  if (!m) return time;
  const lang = dateLocale(locale);
  if (lang === FALLBACK_LOCALE) return time;
  return DateTime.fromObject({ hour: Number(m[1]), minute: Number(m[2]) }, { zone: 'UTC' })
    .setLocale(lang)
    .toLocaleString({ hour: 'numeric', minute: '2-digit' });
}

/**
 * The times a settings card offers: every half hour from 07:00 to 19:00, titled in the reader's style
 * and valued 'HH:MM' (what is saved), plus `current` when it is between them (e.g. a spread default,
 * 09:09). A list rather than a time picker, so nothing can be picked that is then saved differently.
 */
export function timeSlotChoices(locale?: string, current?: string): { title: string; value: string }[] {
  const values: string[] = [];
  for (let minutes = 7 * 60; minutes <= 19 * 60; minutes += 30) {
    values.push(`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);
  }
  if (current && /^\d\d:\d\d$/.test(current) && current >= EARLIEST_SLOT && current <= LATEST_SLOT) {
    if (!values.includes(current)) values.push(current);
  }
  return values.sort().map((value) => ({ title: formatClock(value, locale), value }));
}
