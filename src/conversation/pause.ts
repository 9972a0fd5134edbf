import type { ConversationDeps, Reply } from './deps';
import type { UserRecord } from '../domain';
import { ConversationError } from './errors';
import { formatLocal } from '../cards/time-format';
import { nextDueFor, updateUser, withWeeklyDue } from './users';

export const MAX_PAUSE_WEEKS = 12;

/** What `pause` allows, said whenever it refuses. */
export const PAUSE_RANGE_TEXT = `Pause for 1 to ${MAX_PAUSE_WEEKS} weeks, e.g. "pause 3 weeks".`;

/** Reads "2 weeks", "3", "1 week" (default 1 week); errors on anything else or over 12 weeks. */
export function parsePauseWeeks(args: string): number {
  const text = args.trim();
  if (text === '') return 1;
  const m = /^(\d{1,3})\s*(weeks?|wks?|w)?$/.exec(text);
  const weeks = m ? Number(m[1]) : NaN;
  if (!m || weeks < 1 || weeks > MAX_PAUSE_WEEKS) {
    throw new ConversationError('invalid_input', `I cannot pause for "${text.slice(0, 20)}".`, [], PAUSE_RANGE_TEXT);
  }
  return weeks;
}

/** ' Your next nudge: <date, year, time and zone>.' or '' when none is scheduled. */
const nextNudgeText = (user: UserRecord): string =>
  user.nextDueAt && user.status === 'active'
    ? ` Your next nudge: ${formatLocal(user.nextDueAt, user.prefs.timeZone, user.prefs.locale)}.`
    : '';

/** Pauses nudges for some weeks; the next one is the first slot after the pause ends. */
export async function pauseNudges(deps: ConversationDeps, userId: string, args: string): Promise<Reply> {
  const weeks = parsePauseWeeks(args);
  const now = deps.now();
  const until = new Date(now.getTime() + weeks * 7 * 86_400_000).toISOString();
  const user = await updateUser(deps, userId, (u) => {
    const next = { ...u, pausedUntil: until, snooze: undefined };
    return u.status === 'active' ? withWeeklyDue(next, nextDueFor(deps, next, now)) : next;
  });
  return {
    summary: 'Nudges paused',
    card: deps.renderCard('message', {
      title: 'Nudges paused',
      text: `No nudges until ${formatLocal(until, user.prefs.timeZone, user.prefs.locale)}.${nextNudgeText(user)} Type "resume" to start again sooner.`,
    }),
  };
}

/** Ends a pause; the next nudge is the next regular slot. */
export async function resumeNudges(deps: ConversationDeps, userId: string): Promise<Reply> {
  const now = deps.now();
  const user = await updateUser(deps, userId, (u) => {
    const next = { ...u, pausedUntil: undefined };
    return u.status === 'active' ? withWeeklyDue(next, nextDueFor(deps, next, now)) : next;
  });
  const when = nextNudgeText(user);
  return {
    summary: 'Nudges resumed',
    card: deps.renderCard('message', { title: 'Nudges resumed', text: `Welcome back.${when}` }),
  };
}
