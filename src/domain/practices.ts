import type { Weekday } from './schedule';

/**
 * A practice (later also a PCN) inside a tenant: the unit anything counted for a group is counted
 * for. A tenant is where accounts live (NHSmail holds most of the NHS in England), never a group.
 * Partitioned by tenant; nothing in these records names a person: leads and members are kept by the
 * project's internal person id (the user record's id), removed with the person's data.
 */
export type PracticeRecord =
  PracticeDoc | PracticeTeamRecord | PracticeMemberRecord | PracticeLeadRecord | PracticeSetupRecord;

/** The default weekly slot a practice gives its new members (each can change their own). */
export interface PracticeSlot {
  day: Weekday;
  /** 'HH:MM' local, 07:00..19:00 */
  time: string;
  /** IANA time zone */
  timeZone: string;
}

/** The practice itself: its name, where it is, its defaults and who leads it. */
export interface PracticeDoc {
  id: string; // `practice|${practiceId}`
  kind: 'practice';
  tenantId: string; // partition key
  practiceId: string;
  name: string;
  /** A nation or English region id (src/content/places.ts): new members' default place. */
  place: string;
  /** NHS ODS organisation code (e.g. A81001), when the practice gave one. */
  odsCode?: string;
  defaultSlot?: PracticeSlot;
  status: 'active' | 'closed';
  createdAt: string;
  updatedAt: string;
}

/** One team of a practice: a team belongs to at most one practice. */
export interface PracticeTeamRecord {
  id: string; // `team|${teamId}`
  kind: 'team';
  tenantId: string; // partition key
  teamId: string;
  practiceId: string;
  createdAt: string;
}

/**
 * One person in one team's roster (kept as members join and leave). A person belongs to the
 * practices of the teams they are in. `key` is the roll-out's hashed member key (how a leaver is known).
 */
export interface PracticeMemberRecord {
  id: string; // `member|${teamId}|${key}`
  kind: 'member';
  tenantId: string; // partition key
  teamId: string;
  key: string;
  /** Absent for someone who said no or erased their data: counted as a member for roll-out only. */
  userId?: string;
  updatedAt: string;
}

/** One lead of a practice, by person id: leads see the practice's figures and change its settings. */
export interface PracticeLeadRecord {
  id: string; // `lead|${practiceId}|${userId}`
  kind: 'lead';
  tenantId: string; // partition key
  practiceId: string;
  userId: string;
  createdAt: string;
}

/** Who added the bot to a team: the one person who may set the team up as a new practice's (its first lead). */
export interface PracticeSetupRecord {
  id: string; // `setup|${teamId}`
  kind: 'setup';
  tenantId: string; // partition key
  teamId: string;
  addedBy: string;
  createdAt: string;
}

export const practiceLeadId = (practiceId: string, userId: string): string => `lead|${practiceId}|${userId}`;
export const practiceDocId = (practiceId: string): string => `practice|${practiceId}`;
export const practiceTeamId = (teamId: string): string => `team|${teamId}`;
export const practiceMemberId = (teamId: string, key: string): string => `member|${teamId}|${key}`;

/**
 * The group key a practice's running counts (poll results, course opens) are kept under. Counts
 * written before practices existed were keyed by tenant id and are never read again: they pooled
 * every practice of a shared tenant.
 */
export const practiceGroupId = (practiceId: string): string => `practice|${practiceId}`;
