import { PLACES } from '../content/places';
import { PROFESSIONS } from '../content/professions';
import type { Content, CourseFormat, TimeBand } from '../content/types';
import { WEEKDAYS, type Weekday } from '../domain';
import type { Choice } from './types';

const DAY_TITLES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** Time zones offered first: the UK and its neighbours. Others can be added by the caller. */
export const COMMON_TIME_ZONES: readonly string[] = [
  'Europe/London',
  'Europe/Dublin',
  'Europe/Isle_of_Man',
  'Europe/Jersey',
  'Europe/Guernsey',
  'Europe/Gibraltar',
  'Europe/Paris',
  'UTC',
];

const FORMAT_TITLES: Record<CourseFormat, string> = {
  online: 'Online',
  blended: 'Blended',
  'in-person': 'In person',
  workplace: 'In the workplace',
  community: 'Community or network',
};

const TIME_TITLES: Record<TimeBand, string> = {
  short: 'A few hours',
  medium: 'A few weeks',
  long: 'Months or more',
};

/** 'Any' as the first option of a search filter. */
export const ANY_CHOICE: Choice = { title: 'Any', value: 'any' };

/** The day's full English name, e.g. 'mon' -> 'Monday'. */
export const dayTitle = (day: Weekday): string => DAY_TITLES[day];

/** Format id -> label, e.g. 'in-person' -> 'In person'. */
export const formatTitle = (format: CourseFormat): string => FORMAT_TITLES[format];

/** Monday to Sunday. */
export const dayChoices = (): Choice[] => WEEKDAYS.map((d) => ({ title: DAY_TITLES[d], value: d }));

/** Weekly or fortnightly. */
export const frequencyChoices = (): Choice[] => [
  { title: 'Weekly', value: 'weekly' },
  { title: 'Every two weeks', value: 'fortnightly' },
];

/** Each role by its short title (dropdowns cut long titles; the examples go in a note instead). */
export const roleChoices = (content: Pick<Content, 'roles'>): Choice[] =>
  content.roles.map((r) => ({ title: r.title, value: r.id }));

/** 'GP: GP partner, salaried GP. Nurse or other clinician: practice nurse, ANP...': explains the role choices. */
export const roleExamplesText = (content: Pick<Content, 'roles'>): string =>
  content.roles
    .filter((r) => r.examples)
    .map((r) => `${r.title}: ${r.examples}.`)
    .join(' ');

/** The seven behaviours by their plain-English titles. */
export const behaviourChoices = (content: Pick<Content, 'behaviours'>): Choice[] =>
  content.behaviours.map((b) => ({ title: b.title, value: b.id }));

/** {@link COMMON_TIME_ZONES}, plus `current` first when it is not among them. */
export const timeZoneChoices = (current?: string): Choice[] => {
  const zones = current && !COMMON_TIME_ZONES.includes(current) ? [current, ...COMMON_TIME_ZONES] : COMMON_TIME_ZONES;
  return zones.map((z) => ({ title: z.replace(/_/g, ' '), value: z }));
};

/**
 * Self-rating 1..5 ("how like me is this?"), each number with words so the scale does not rely on the
 * number alone; both ends labelled, and none of the words a poll option uses ('sometimes', 'often'...), so a
 * rating is not mistaken for a poll answer.
 */
export const ratingChoices = (): Choice[] => [
  { title: '1 – not like me yet (lowest)', value: '1' },
  { title: '2 – a little like me', value: '2' },
  { title: '3 – partly like me', value: '3' },
  { title: '4 – mostly like me', value: '4' },
  { title: '5 – very like me (highest)', value: '5' },
];

/** The value a settings card uses for "not set" (place or learning time). */
export const NOT_SET = 'not-set';

/** Where a person works: not set (England-wide offers only), England's regions, Wales, Scotland, Northern Ireland. */
export const placeChoices = (): Choice[] => [
  { title: 'Not set (England-wide offers only)', value: NOT_SET },
  ...PLACES.map((p) => ({ title: p.title, value: p.id })),
];

/** A profession inside 'Nurse or other clinician' (optional: offers for one profession need it). */
export const professionChoices = (): Choice[] => [
  { title: 'Not set (not a clinician, or rather not say)', value: NOT_SET },
  ...PROFESSIONS.map((p) => ({ title: p.title, value: p.id })),
];

/** The most time a person could give a course. */
export const learningTimeChoices = (): Choice[] => [
  { title: 'Not set (up to a few weeks)', value: NOT_SET },
  { title: 'A few hours', value: 'short' },
  { title: 'Up to a few weeks', value: 'medium' },
  { title: 'Months, such as a full programme', value: 'long' },
];

/** A self-rating in words that read alone, e.g. 4 -> '4 out of 5 (mostly like me)'. */
export const ratingText = (rating: number): string => {
  const words = ratingChoices()
    .find((c) => c.value === String(rating))
    ?.title.split(' – ')[1]
    ?.replace(/ \((lowest|highest)\)$/, '');
  return words ? `${rating} out of 5 (${words})` : `${rating} out of 5`;
};

/** Course formats, 'Any' first. */
export const formatChoices = (): Choice[] => [
  ANY_CHOICE,
  ...Object.entries(FORMAT_TITLES).map(([value, title]) => ({ title, value })),
];

/** Time bands, 'Any' first. */
export const timeChoices = (): Choice[] => [
  ANY_CHOICE,
  ...Object.entries(TIME_TITLES).map(([value, title]) => ({ title, value })),
];
