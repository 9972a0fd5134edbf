import type { RosterMember, RosterPage } from '../domain';

/** Members per page asked of Teams (its maximum is 500). */
export const ROSTER_PAGE_SIZE = 500;

/** Largest roster page read: 500 members with names, e-mail addresses and UPNs fit well within it. */
export const ROSTER_PAGE_MAX_BYTES = 4 * 1024 * 1024;

/** The paged-members URL of a team: `GET {serviceUrl}/v3/conversations/{teamId}/pagedmembers`. */
export function pagedMembersUrl(serviceUrl: string, teamId: string, continuationToken?: string): URL {
  const base = serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`;
  const url = new URL(`v3/conversations/${encodeURIComponent(teamId)}/pagedmembers`, base);
  url.searchParams.set('pageSize', String(ROSTER_PAGE_SIZE));
  if (continuationToken) url.searchParams.set('continuationToken', continuationToken);
  return url;
}

/**
 * One page of Teams' answer (`{ continuationToken?, members: [{ id, aadObjectId, tenantId, userRole,
 * name, email, userPrincipalName, ... }] }`) with only ids kept: names, e-mail addresses and user
 * principal names are dropped here and never stored.
 */
export function rosterPageOf(json: unknown): RosterPage {
  const answer = (json ?? {}) as { members?: unknown; continuationToken?: unknown };
  const members: RosterMember[] = [];
  for (const m of Array.isArray(answer.members) ? (answer.members as Record<string, unknown>[]) : []) {
    if (!m || typeof m.id !== 'string') continue;
    members.push({
      teamsUserId: m.id,
      ...(typeof m.aadObjectId === 'string' ? { aadObjectId: m.aadObjectId } : {}),
      ...(typeof m.tenantId === 'string' ? { tenantId: m.tenantId } : {}),
      ...(typeof m.userRole === 'string' ? { userRole: m.userRole } : {}),
    });
  }
  const token = typeof answer.continuationToken === 'string' ? answer.continuationToken : undefined;
  return { members, ...(token ? { continuationToken: token } : {}) };
}

/** One member as Teams' get-member answer (`GET /v3/conversations/{teamId}/members/{userId}`) gives them, ids only. */
export function rosterMemberOf(m: {
  id: string;
  aadObjectId?: string;
  tenantId?: string;
  userRole?: string;
}): RosterMember {
  return rosterPageOf({ members: [m] }).members[0] ?? { teamsUserId: m.id };
}
