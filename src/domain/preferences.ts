import type { Role } from './roles';
import type { Frequency, Weekday } from './schedule';

export interface Preferences {
  role: Role;
  timeZone: string; // IANA
  day: Weekday;
  time: string; // 'HH:MM' local, 07:00..19:00
  frequency: Frequency;
  focus: string[]; // behaviour ids
  /** Where the person works: a nation or an English region id (src/content/places.ts); absent = not set (England-wide offers only). */
  place?: string;
  /** For 'Nurse or other clinician': their profession (src/content/professions.ts), so offers for one profession reach only it; absent = not said. */
  profession?: string;
  /** The most time the person has for a course: 'short' (hours), 'medium' (weeks), 'long' (months); absent = not set. */
  learningTime?: 'short' | 'medium' | 'long';
  /**
   * The Teams client's locale (BCP 47, e.g. en-GB), kept as Teams last reported it. It only decides how
   * dates and times are written (src/cards/time-format.ts); absent = en-GB.
   */
  locale?: string;
}
