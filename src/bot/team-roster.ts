import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { ReadRosterPage } from '../team/roster-welcome';

/** Members per page asked of Teams (its maximum is 500). */
export const ROSTER_PAGE_SIZE = 500;

/**
 * Reads a team's roster page by page through Teams' paged-members API
 * (`GET {serviceUrl}/v3/conversations/{teamId}/pagedmembers`), keeping only ids: names, e-mail
 * addresses and user principal names in the answer are dropped here and never stored.
 */
export function teamRosterReader(context: TurnContext, teamId: string): ReadRosterPage {
  return async (continuationToken) => {
    const page = await TeamsInfo.getPagedTeamMembers(context, teamId, ROSTER_PAGE_SIZE, continuationToken);
    return {
      members: (page.members ?? []).map((m) => ({
        teamsUserId: m.id,
        aadObjectId: m.aadObjectId,
        tenantId: m.tenantId,
        userRole: m.userRole,
      })),
      continuationToken: page.continuationToken,
    };
  };
}
