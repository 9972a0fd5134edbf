import { dayTitle, placeChoices } from '../cards';
import type { Reply } from '../conversation/deps';
import type { TeamRecord } from '../domain';
import type { TeamDeps } from './team-deps';

/**
 * The short introduction posted in the channel when the bot is added to a team, with the practice
 * setup questions when the team is in no practice yet (`showSetup`).
 */
export function teamIntroReply(deps: Pick<TeamDeps, 'renderCard'>, team: TeamRecord, showSetup = true): Reply {
  return {
    summary: 'Leadership nudges for your team',
    card: deps.renderCard('team-intro', {
      dayText: `${dayTitle(team.settings.day)}`,
      timeText: `${team.settings.time} (${team.settings.timeZone})`,
      showSetup,
      placeChoices: placeChoices().filter((c) => c.value !== 'not-set'),
    }),
  };
}
