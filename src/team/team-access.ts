import { ConversationError } from '../conversation/errors';
import type { TeamRecord } from '../domain';
import type { TeamActor } from './team-deps';

/**
 * Who may change a team's settings: any member of that team, acting from one of its channels.
 * The Bot Framework tells a bot who is in a team but not who owns it (that needs Microsoft
 * Graph permissions this app does not ask for), and only members can post in a team's channels.
 * Shown on the team settings card and stated in the README.
 */
export const TEAM_SETTINGS_RULE =
  'Anyone in this team can change these settings (Teams does not tell the bot who owns the team).';

/** Refuses an actor who is not acting from inside the team (another team, a personal chat). */
export function assertActsInTeam(who: TeamActor, team: Pick<TeamRecord, 'teamId' | 'tenantId'>): void {
  if (who.scope !== 'team' || who.teamId !== team.teamId || who.tenantId !== team.tenantId) {
    throw new ConversationError('forbidden', 'Team settings and polls can only be used from a channel of that team.');
  }
}
