import { computeNextDue } from '../delivery/schedule';
import type { TeamSettings } from '../domain';

/** The next team-nudge slot strictly after `now`, weekly at the team's local day and time; undefined when off. */
export function nextTeamDue(settings: TeamSettings, now: Date): string | undefined {
  if (!settings.enabled) return undefined;
  return computeNextDue(
    { timeZone: settings.timeZone, day: settings.day, time: settings.time, frequency: 'weekly' },
    now,
  ).toISOString();
}

/** A channel's conversation id without the thread suffix Teams adds to replies (';messageid=...'). */
export function channelConversationId(id: string): string {
  return id.split(';')[0] ?? id;
}
