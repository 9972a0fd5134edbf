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

/** A short date with the year, e.g. '30 Nov 2026' (en-GB) or 'Nov 30, 2026' (en-US). */
export function formatDate(iso: string, timeZone: string, locale?: string): string {
  const dt = DateTime.fromISO(iso, { zone: timeZone });
  if (!dt.isValid) return iso;
  const lang = dateLocale(locale);
  return lang === FALLBACK_LOCALE
    ? dt.setLocale(lang).toFormat('d LLL yyyy')
    : dt.setLocale(lang).toLocaleString({ day: 'numeric', month: 'short', year: 'numeric' });
}
