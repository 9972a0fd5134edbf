import { dayTitle, placeChoices } from '../cards';
import { formatClock, formatLocal } from '../cards/time-format';
import type { Reply } from '../conversation/deps';
import type { TeamRecord } from '../domain';
import type { TeamDeps } from './team-deps';

/**
 * When the team's nudges come, as the introduction says it: the weekday, date, time and zone of the
 * next one (never a bare "Monday at 09:00", which on a Monday could mean today or next week), and
 * "first" only while the team has never had one (a re-added bot says "next").
 */
export function teamScheduleText(team: Pick<TeamRecord, 'settings' | 'nextDueAt' | 'history'>): string {
  const s = team.settings;
  if (!s.enabled) return 'Team nudges are off for now: type **settings** here (mentioning me) to turn them on.';
  const every = `every ${dayTitle(s.day)} at ${formatClock(s.time)}`;
  const which = team.history.sentCount > 0 ? 'The next one' : 'The first one';
  return team.nextDueAt
    ? `${which} comes on ${formatLocal(team.nextDueAt, s.timeZone)}, then ${every}.`
    : `Team nudges come ${every} (${s.timeZone}).`;
}

/**
 * The short introduction posted in the channel when the bot is added to a team, with the practice
 * setup questions when the team is in no practice yet (`showSetup`).
 */
export function teamIntroReply(deps: Pick<TeamDeps, 'renderCard'>, team: TeamRecord, showSetup = true): Reply {
  return {
    summary: 'Leadership nudges for your team',
    card: deps.renderCard('team-intro', {
      whenText: teamScheduleText(team),
      showSetup,
      placeChoices: placeChoices().filter((c) => c.value !== 'not-set'),
    }),
  };
}
