/**
 * Roll-out bookkeeping, partitioned by tenant. Nothing in it names a person: `key` is a one-way hash
 * of tenant and Entra object id (src/conversation/member-key.ts). Every record has a TTL (RETENTION_DAYS).
 */
export type RolloutRecord = RolloutPersonRecord | RolloutMemberRecord | RolloutStatusRecord;

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
