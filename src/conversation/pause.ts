import type { ConversationDeps, Reply } from './deps';
import type { UserRecord } from '../domain';
import { ConversationError } from './errors';
import { formatLocal } from '../cards/time-format';
import { nextDueFor, requireUser, updateUser, withWeeklyDue } from './users';
import { DateTime } from 'luxon';

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

/**
 * When a pause of `weeks` typed at `now` ends: that many weeks later, at the person's own slot time
 * (their chosen time of day, in their zone), not at the clock time they typed the command.
 */
export function pauseEnd(prefs: Pick<UserRecord['prefs'], 'time' | 'timeZone'>, weeks: number, now: Date): string {
  const [hour, minute] = prefs.time.split(':').map(Number);
  return (
    DateTime.fromJSDate(now, { zone: prefs.timeZone })
      .plus({ weeks })
      .set({ hour: hour ?? 9, minute: minute ?? 0, second: 0, millisecond: 0 })
      .toUTC()
      .toISO() ?? new Date(now.getTime() + weeks * 7 * 86_400_000).toISOString()
  );
}

/**
 * Pauses nudges for some weeks; the next one is the first slot after the pause ends. A bare "pause"
 * while a pause is running changes nothing (it would silently shorten a longer one): it says what is
 * current and how to change it. "pause N weeks" replaces a running pause and says so.
 */
export async function pauseNudges(deps: ConversationDeps, userId: string, args: string): Promise<Reply> {
  const weeks = parsePauseWeeks(args);
  const now = deps.now();
  const current = await requireUser(deps, userId);
  const running =
    current.pausedUntil && Date.parse(current.pausedUntil) > now.getTime() ? current.pausedUntil : undefined;
  const fmt = (iso: string) => formatLocal(iso, current.prefs.timeZone, current.prefs.locale);
  if (running && args.trim() === '') {
    return {
      summary: 'Nudges already paused',
      card: deps.renderCard('message', {
        title: 'Nudges already paused',
        text: `Your nudges are paused until ${fmt(running)}, so I have changed nothing.${nextNudgeText(current)} To change it, type "pause" with a number of weeks from today, e.g. "pause 1 week", or "resume" to start again now.`,
      }),
    };
  }
  const until = pauseEnd(current.prefs, weeks, now);
  const user = await updateUser(deps, userId, (u) => {
    const next = { ...u, pausedUntil: until, snooze: undefined };
    return u.status === 'active' ? withWeeklyDue(next, nextDueFor(deps, next, now)) : next;
  });
  const replaced = running && running !== until ? ` This replaces your earlier pause until ${fmt(running)}.` : '';
  return {
    summary: 'Nudges paused',
    card: deps.renderCard('message', {
      title: 'Nudges paused',
      text: `No nudges until ${formatLocal(until, user.prefs.timeZone, user.prefs.locale)}.${replaced}${nextNudgeText(user)} Type "resume" to start again sooner.`,
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
