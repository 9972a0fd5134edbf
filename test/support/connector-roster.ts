import type { ConnectorCall, ConnectorDouble } from './connector-double';

/**
 * Teams' team-roster and 1:1-chat endpoints on the connector double, in the shapes Microsoft documents:
 * - `GET /v3/conversations/{teamId}/pagedmembers?pageSize=&continuationToken=` answers
 *   `{ "continuationToken": "...", "members": [{ "id": "29:...", "name", "aadObjectId", "email",
 *   "userPrincipalName", "tenantId", "userRole": "user" }] }` (no token on the last page);
 * - `GET /v3/conversations/{teamId}/members/{userId}` (get one member, what botbuilder's
 *   `TeamsInfo.getMember` calls in a team) answers the same member object, or 404
 *   `{ "error": { "code": "MemberNotFoundInConversation" } }`;
 * - `POST /v3/conversations` with `{ bot, members: [{ id }], channelData: { tenant: { id } }, isGroup: false }`
 *   answers 201 `{ "id": "a:1..." }`, the same id for the same person every time, as Teams does;
 * - errors as `{ "error": { "code": "...", "message": "..." } }`.
 */

export interface RosterPerson {
  teamsId: string;
  aadObjectId: string;
  /** The member's home tenant: another organisation's for a guest. */
  tenantId: string;
  /** As Teams lists it: 'user' (default) or 'guest'. */
  userRole?: 'user' | 'guest';
}

export interface ConnectorRoster {
  /** Sets a team's members (replacing any before); `maxPageSize` caps this team's pages (small pages, many reads). */
  setMembers(teamId: string, people: RosterPerson[], options?: { maxPageSize?: number }): void;
  /** Every create-conversation call, with the member and tenant asked for. */
  created: { userTeamsId: string; tenantId: string; botId: string }[];
  /** Every paged-members read, with its page size and token. */
  pageReads: { teamId: string; pageSize: number; continuationToken?: string }[];
  /** Every get-member read (one member of a team). */
  memberReads: { teamId: string; userId: string }[];
  /** Makes paged-members reads of this team answer with this status `times` times (Teams' error shape). */
  failPages(teamId: string, status: number, code: string, times: number): void;
  /** The 1:1 conversation id the double gives this person. */
  conversationIdOf(teamsId: string): string;
  /** Makes create-conversation for this person answer with an error (Teams' documented shape). */
  refuseChat(teamsId: string, status: number, code: string): void;
}

const errorBody = (code: string, message: string) => ({ error: { code, message } });

/** Adds the roster and create-conversation routes to a connector double. */
export function serveRoster(double: ConnectorDouble, options: { maxPageSize?: number } = {}): ConnectorRoster {
  const teams = new Map<string, RosterPerson[]>();
  const pageCaps = new Map<string, number>();
  const refusals = new Map<string, { status: number; code: string }>();
  const pageFaults = new Map<string, { status: number; code: string; times: number }>();
  const memberJson = (p: RosterPerson, n: number) => ({
    id: p.teamsId,
    name: `Member ${n}`,
    aadObjectId: p.aadObjectId,
    email: `member${n}@example.nhs.net`,
    userPrincipalName: `member${n}@example.nhs.net`,
    tenantId: p.tenantId,
    userRole: p.userRole ?? 'user',
  });
  const maxPage = options.maxPageSize ?? 500;
  const roster: ConnectorRoster = {
    setMembers: (teamId, people, opts = {}) => {
      teams.set(teamId, [...people]);
      if (opts.maxPageSize) pageCaps.set(teamId, opts.maxPageSize);
    },
    created: [],
    pageReads: [],
    memberReads: [],
    failPages: (teamId, status, code, times) => void pageFaults.set(teamId, { status, code, times }),
    conversationIdOf: (teamsId) => `a:1${teamsId.replace(/^29:/, '')}`,
    refuseChat: (teamsId, status, code) => void refusals.set(teamsId, { status, code }),
  };

  double.addRoute((call: ConnectorCall) => {
    const [v3, conversations, conversationId, what, userId] = call.parts;
    if (v3 !== 'v3' || conversations !== 'conversations') return undefined;
    if (call.method === 'GET' && what === 'members' && conversationId && userId) {
      roster.memberReads.push({ teamId: conversationId, userId });
      const members = teams.get(conversationId);
      if (!members) return { status: 404, body: errorBody('ConversationNotFound', 'Conversation not found.') };
      const n = members.findIndex((p) => p.teamsId === userId);
      if (n < 0) return { status: 404, body: errorBody('MemberNotFoundInConversation', 'Member not found.') };
      return { status: 200, body: memberJson(members[n]!, n) };
    }
    if (call.method === 'GET' && what === 'pagedmembers' && conversationId) {
      const members = teams.get(conversationId);
      if (!members) return { status: 404, body: errorBody('ConversationNotFound', 'Conversation not found.') };
      const cap = pageCaps.get(conversationId) ?? maxPage;
      const pageSize = Math.min(cap, Math.max(1, Number(call.query.get('pageSize') ?? cap) || cap));
      const token = call.query.get('continuationToken') ?? undefined;
      roster.pageReads.push({ teamId: conversationId, pageSize, continuationToken: token });
      const fault = pageFaults.get(conversationId);
      if (fault && fault.times > 0) {
        fault.times--;
        return { status: fault.status, body: errorBody(fault.code, 'refused') };
      }
      const start = token ? Number(Buffer.from(token, 'base64').toString('utf8').replace('offset:', '')) : 0;
      if (!Number.isInteger(start) || start < 0) {
        return { status: 400, body: errorBody('BadArgument', 'Invalid continuation token.') };
      }
      const page = members.slice(start, start + pageSize);
      const next =
        start + pageSize < members.length ? Buffer.from(`offset:${start + pageSize}`).toString('base64') : undefined;
      return {
        status: 200,
        body: {
          ...(next ? { continuationToken: next } : {}),
          members: page.map((p, i) => memberJson(p, start + i)),
        },
      };
    }
    if (call.method === 'POST' && call.parts.length === 2 && call.body.isGroup === false) {
      const member = (call.body.members as { id?: string }[] | undefined)?.[0]?.id;
      const tenantId = (call.body.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
      const botId = (call.body.bot as { id?: string } | undefined)?.id;
      if (!member || !tenantId || !botId) {
        return { status: 400, body: errorBody('BadArgument', 'Bot, member and tenant are required.') };
      }
      const refusal = refusals.get(member);
      if (refusal) return { status: refusal.status, body: errorBody(refusal.code, 'refused') };
      roster.created.push({ userTeamsId: member, tenantId, botId });
      return { status: 201, body: { id: roster.conversationIdOf(member) } };
    }
    return undefined;
  });
  return roster;
}
