import { recordRolloutState } from './rollout-person';
import { isValidTimeZone } from '../config';
import { isPlaceId, placeInfo } from '../content/places';
import { isProfessionId } from '../content/professions';
import type { Versioned } from '../store/port';
import type { Frequency, Preferences, Role, UserRecord, Weekday } from '../domain';
import { ROLES, WEEKDAYS } from '../domain';
import type { ConversationDeps, Reply } from './deps';
import { ConversationError } from './errors';
import { dayTitle, settingsCardData } from '../cards';
import { retentionText } from './retention';
import { nextDueFor, requireUser, updateUser, withWeeklyDue } from './users';
import { EARLIEST_SLOT, formatClock, formatLocal, LATEST_SLOT } from '../cards/time-format';

const LEARNING_TIME_WORDS: Record<string, string> = {
  'not-set': 'take up to a few weeks (change this in settings)',
  short: 'take a few hours',
  medium: 'take up to a few weeks',
  long: 'may take months',
};

const EARLIEST = EARLIEST_SLOT;
const LATEST = LATEST_SLOT;

const field = (input: Record<string, unknown>, name: string): string | undefined => {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') return '\u0000'; // a wrong type is reported like a bad value
  return v.trim();
};

/**
 * Checks every field of a settings form and returns the preferences, or a ConversationError
 * listing one clear message per bad value. Unknown fields are ignored, never stored.
 */
export function validatePreferences(
  deps: Pick<ConversationDeps, 'content'>,
  input: Record<string, unknown>,
  current: Preferences,
): Preferences {
  const errors: string[] = [];
  const role = field(input, 'role') ?? current.role;
  if (!ROLES.includes(role as Role)) errors.push('Role: choose the role closest to yours from the list.');
  const timeZone = field(input, 'timeZone') ?? current.timeZone;
  if (timeZone.length > 64 || !isValidTimeZone(timeZone)) {
    errors.push(`Time zone: "${timeZone.slice(0, 64)}" is not a time zone I know. Choose one such as Europe/London.`);
  }
  const day = field(input, 'day') ?? current.day;
  if (!WEEKDAYS.includes(day as Weekday)) errors.push('Day: choose a day of the week.');
  const time = field(input, 'time') ?? current.time;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) errors.push('Time: use the 24-hour form HH:MM, for example 09:00.');
  else if (time < EARLIEST || time > LATEST) errors.push(`Time: choose a time between ${EARLIEST} and ${LATEST}.`);
  const frequency = field(input, 'frequency') ?? current.frequency;
  if (frequency !== 'weekly' && frequency !== 'fortnightly')
    errors.push('How often: choose every week or every other week.');
  const focusRaw = field(input, 'focus');
  let focus = current.focus;
  if (focusRaw !== undefined) {
    const ids =
      focusRaw === ''
        ? []
        : focusRaw
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    const known = new Set<string>(deps.content.behaviours.map((b) => b.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (focusRaw === '\u0000' || unknown.length > 0) errors.push('Focus: choose from the listed behaviours.');
    else if (ids.length > 7) errors.push('Focus: choose up to seven behaviours.');
    else focus = [...new Set(ids)];
  }
  const placeRaw = field(input, 'place');
  let place = current.place;
  if (placeRaw !== undefined) {
    if (placeRaw === 'not-set' || placeRaw === '') place = undefined;
    else if (isPlaceId(placeRaw)) place = placeRaw;
    else errors.push('Where you work: choose a nation or region from the list, or "Not set".');
  }
  const professionRaw = field(input, 'profession');
  let profession = current.profession;
  if (professionRaw !== undefined) {
    if (professionRaw === 'not-set' || professionRaw === '') profession = undefined;
    else if (isProfessionId(professionRaw)) profession = professionRaw;
    else errors.push('Profession: choose from the list, or "Not set".');
  }
  const timeRaw = field(input, 'learningTime');
  let learningTime = current.learningTime;
  if (timeRaw !== undefined) {
    if (timeRaw === 'not-set' || timeRaw === '') learningTime = undefined;
    else if (timeRaw === 'short' || timeRaw === 'medium' || timeRaw === 'long') learningTime = timeRaw;
    else errors.push('Time for a course: choose from the list, or "Not set".');
  }
  if (errors.length > 0) {
    throw new ConversationError('invalid_input', 'Some settings need another look:', errors);
  }
  const prefs: Preferences = {
    role: role as Role,
    timeZone,
    day: day as Weekday,
    time,
    frequency: frequency as Frequency,
    focus,
  };
  if (place !== undefined) prefs.place = place;
  // A profession only narrows offers inside 'Nurse or other clinician'; another role keeps none.
  if (profession !== undefined && role === 'clinician') prefs.profession = profession;
  if (learningTime !== undefined) prefs.learningTime = learningTime;
  // Not on the form: the locale follows the Teams client and only shapes how dates are written.
  if (current.locale !== undefined) prefs.locale = current.locale;
  return prefs;
}

/** The settings card, filled with the person's current values. */
export async function showSettings(deps: ConversationDeps, userId: string): Promise<Reply> {
  const user = await requireUser(deps, userId);
  return settingsReply(deps, user);
}

export function settingsReply(deps: ConversationDeps, user: UserRecord): Reply {
  const paused = user.pausedUntil && Date.parse(user.pausedUntil) > deps.now().getTime();
  return {
    summary: 'Your nudge settings',
    card: deps.renderCard(
      'settings',
      settingsCardData(user.prefs, deps.content, retentionText(deps.config.retentionDays), {
        pausedUntilText:
          paused && user.pausedUntil ? formatLocal(user.pausedUntil, user.prefs.timeZone, user.prefs.locale) : '',
        nextDueText:
          user.nextDueAt && user.status === 'active'
            ? formatLocal(user.nextDueAt, user.prefs.timeZone, user.prefs.locale)
            : '',
      }),
    ),
  };
}

/** What the chosen focus does (the engine picks only focus behaviours' nudges while any is set). */
function focusText(deps: Pick<ConversationDeps, 'content'>, focus: readonly string[]): string {
  const titles = focus.map((id) => deps.content.behaviours.find((b) => b.id === id)?.title ?? id);
  if (titles.length === 0)
    return ` No focus chosen, so your nudges rotate through all ${deps.content.behaviours.length} behaviours.`;
  const list = titles.length === 1 ? `"${titles[0]}"` : titles.map((t) => `"${t}"`).join(', ');
  return ` Your focus: ${list}. Your nudges will be about ${titles.length === 1 ? 'it' : 'these'} until you change it.`;
}

/** Validates and saves a settings form, recomputing the next due time. */
export async function saveSettings(
  deps: ConversationDeps,
  userId: string,
  input: Record<string, unknown>,
): Promise<{ user: Versioned<UserRecord>; reply: Reply }> {
  const current = await requireUser(deps, userId);
  // The welcome form asks for the role with nothing chosen: starting needs an answer, not a default.
  const chosen = current.onboarded ? input : { ...input, role: field(input, 'role') ?? '' };
  const prefs = validatePreferences(deps, chosen, current.prefs);
  const now = deps.now();
  const user = await updateUser(deps, userId, (u) => {
    // Saving the welcome form is pressing Start: consent given, weekly nudges begin.
    const consent = u.consent ? { ...u.consent, state: 'started' as const } : undefined;
    const next: UserRecord = { ...u, prefs, onboarded: true, anchorDate: undefined, consent };
    const due = nextDueFor(deps, next, now);
    const anchored = { ...next, anchorDate: deps.engine.localDateOf(new Date(due), prefs.timeZone) };
    return u.status === 'active' ? withWeeklyDue(anchored, due) : anchored;
  });
  if (current.consent?.state === 'pending') await recordRolloutState(deps, user.tenantId, user.aadObjectId, 'started');
  const when = `${dayTitle(prefs.day)}s at ${formatClock(prefs.time, prefs.locale)} (${prefs.timeZone})`;
  const nextText = user.nextDueAt
    ? ` Your next nudge: ${formatLocal(user.nextDueAt, prefs.timeZone, prefs.locale)}.`
    : '';
  const where = prefs.place ? placeInfo(prefs.place).title : 'not set, so England-wide offers only';
  const courseText = ` Courses are matched to where you work (${where}) and ${LEARNING_TIME_WORDS[prefs.learningTime ?? 'not-set']}.`;
  // Pressing Start is not "saving settings": the first confirmation says the nudges have begun.
  const first = !current.onboarded;
  const title = first ? 'Your nudges have started' : 'Settings saved';
  return {
    user,
    reply: {
      summary: title,
      card: deps.renderCard('message', {
        title,
        text: `You will get a nudge ${prefs.frequency === 'weekly' ? 'every week' : 'every other week'} on ${when}.${nextText}${focusText(deps, prefs.focus)}${courseText} Type "settings" to change this at any time.`,
      }),
    },
  };
}
