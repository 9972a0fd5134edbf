/**
 * Roll-out bookkeeping, partitioned by tenant. Nothing in it names a person: `key` is a one-way hash
 * of tenant and Entra object id (src/conversation/member-key.ts). Every record has a TTL (RETENTION_DAYS).
 */
export type RolloutRecord = RolloutPersonRecord | RolloutMemberRecord | RolloutStatusRecord | RosterJobRecord;

/**
 * What a person said to the roll-out, by key: kept after "No thanks" or "delete my data" as the
 * tombstone that stops a later roster read inviting them again.
 */
export interface RolloutPersonRecord {
  id: string; // `person|${key}`
  kind: 'person';
  tenantId: string; // partition key
  key: string;
  state: 'invited' | 'started' | 'declined';
  updatedAt: string;
  ttl?: number;
}

/** One member of a team the bot is in, by key: what the team's roll-out counts are counted over. */
export interface RolloutMemberRecord {
  id: string; // `member|${teamId}|${key}`
  kind: 'member';
  tenantId: string; // partition key
  teamId: string;
  key: string;
  /**
   * A one-way hash of tenant and Teams user id (29:...): Teams names only that id when someone leaves,
   * so a leave finds its record without reading the roster. Absent on records written before it.
   */
  teamsKey?: string;
  /** The roster read that last saw the member (RosterJobRecord.runId), or 'event' for a join event. */
  rosterRun?: string;
  updatedAt: string;
  ttl?: number;
}

/**
 * The durable job that reads one team's roster outside the Teams turn, page by page, in the delivery
 * engine's tick: one per team (`roster|${teamId}`), leased while it runs so one instance reads it,
 * resumable from `cursor` after a crash. Holds no member data, only counts.
 */
export interface RosterJobRecord {
  id: string; // `roster|${teamId}`
  kind: 'roster';
  tenantId: string; // partition key
  teamId: string;
  /** Where Teams answers for the team, and the bot's own id (28:...), for the 1:1 chats it opens. */
  serviceUrl: string;
  botId: string;
  /** pending: to read (or reading); done: read to the end; failed: Teams refused the read for good. */
  state: 'pending' | 'done' | 'failed';
  /** This read of the roster; member records it saw carry it, so the rest have left. */
  runId: string;
  startedAt: string;
  /** Teams' continuation token of the next page to read; absent before the first page. */
  cursor?: string;
  pagesRead: number;
  /** What the read did so far, as counts. */
  counts: { members: number; invited: number; known: number; declined: number; guests: number; left: number };
  /** Failed attempts in a row; the next is not tried before `notBefore`. */
  attempts: number;
  notBefore?: string;
  /** The last failure's status and code (never a body). */
  lastError?: string;
  finishedAt?: string;
  updatedAt: string;
  ttl?: number;
}

/**
 * What a team's `status` last published: the counts it shows, refreshed only when the team's size or
 * its number of starters has moved by the minimum group size or more since, so one person leaving,
 * joining, starting or stopping never changes what the team sees (src/team/rollout-status.ts).
 */
export interface RolloutStatusRecord {
  id: string; // `status|${teamId}`
  kind: 'status';
  tenantId: string; // partition key
  teamId: string;
  members: number;
  started: number;
  updatedAt: string;
  ttl?: number;
}
