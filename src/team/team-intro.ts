import { dayTitle } from '../cards';
import type { Reply } from '../conversation/deps';
import type { TeamRecord } from '../domain';
import type { TeamDeps } from './team-deps';

/** The short introduction posted in the channel when the bot is added to a team. */
export function teamIntroReply(deps: Pick<TeamDeps, 'renderCard'>, team: TeamRecord): Reply {
  return {
    summary: 'Leadership nudges for your team',
    card: deps.renderCard('team-intro', {
      dayText: `${dayTitle(team.settings.day)}`,
      timeText: `${team.settings.time} (${team.settings.timeZone})`,
    }),
  };
}
