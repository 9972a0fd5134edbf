/**
 * Records kept by the store. Every record carries `tenantId`; nothing stores a person's name.
 * Times are ISO-8601 strings in UTC unless the field name says otherwise.
 */

export type Role = 'gp' | 'clinician' | 'manager' | 'reception' | 'other';
export const ROLES: readonly Role[] = ['gp', 'clinician', 'manager', 'reception', 'other'];

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export type Frequency = 'weekly' | 'fortnightly';

/** Where and how to reach a person or a channel proactively. Transport-neutral (no botbuilder types). */
export interface ConversationRef {
  serviceUrl: string;
  conversationId: string;
  tenantId: string;
  channelId: string; // 'msteams'
  botId?: string;
  /** Teams user id (29:...) for personal chats; absent for channels. */
  userTeamsId?: string;
  conversationType?: 'personal' | 'channel' | 'groupChat';
}

export interface Preferences {
  role: Role;
  timeZone: string; // IANA
  day: Weekday;
  time: string; // 'HH:MM' local, 07:00..19:00
  frequency: Frequency;
  focus: string[]; // behaviour ids
}

export type UserStatus = 'active' | 'inactive' | 'uninstalled';

export interface NudgeHistory {
  /** Nudge ids sent in the current cycle through the role's nudges (reset when all were seen). */
  seen: string[];
  lastBehaviour?: string;
  /** Nudge ids the person marked not useful. */
  notUseful: string[];
  sentCount: number;
}

export interface UserRecord {
  id: string; // == userId
  userId: string; // partition key: AAD object id when known, else Teams user id
  tenantId: string;
  aadObjectId?: string;
  conversation: ConversationRef;
  prefs: Preferences;
  onboarded: boolean;
  status: UserStatus;
  pausedUntil?: string;
  /** Next time a weekly nudge is due (UTC). Absent when none is scheduled. */
  nextDueAt?: string;
  /** Local date (yyyy-mm-dd) of the first scheduled nudge: the anchor for fortnightly. */
  anchorDate?: string;
  history: NudgeHistory;
  /** A snoozed nudge waiting to be sent again (set by the card's snooze action, cleared by the tick). */
  snooze?: SnoozeState;
  /** When the person last gave a self-rating (kept to within a day); the weekly engine reads ratings only if recent. */
  ratedAt?: string;
  createdAt: string;
  updatedAt: string;
  ttl?: number;
}

/**
 * A snoozed nudge: the tick resends `nudgeId` at `until` as delivery `${deliveryId}|snooze`.
 * While it waits, the owner's nextDueAt is min(until, weeklyDueAt); weeklyDueAt keeps the weekly slot.
 */
export interface SnoozeState {
  deliveryId: string;
  nudgeId: string;
  until: string;
  weeklyDueAt: string;
}

export interface TeamSettings {
  enabled: boolean;
  day: Weekday;
  time: string;
  timeZone: string;
  /** Channel conversation id to post in. */
  channelId: string;
}

export interface TeamRecord {
  id: string; // == teamId
  teamId: string; // partition key
  tenantId: string;
  conversation: ConversationRef; // of the channel the nudges go to
  settings: TeamSettings;
  status: 'active' | 'removed';
  nextDueAt?: string;
  history: NudgeHistory;
  createdAt: string;
  updatedAt: string;
}

export type DeliveryState = 'claimed' | 'sending' | 'sent' | 'failed' | 'unknown' | 'missed' | 'skipped' | 'inactive';

export const FINAL_DELIVERY_STATES: readonly DeliveryState[] = [
  'sent',
  'failed',
  'unknown',
  'missed',
  'skipped',
  'inactive',
];

export interface DeliveryRecord {
  /** Deterministic: `${ownerId}|${period}` for scheduled nudges. Creating it is the claim. */
  id: string;
  ownerId: string; // partition key: userId or teamId
  ownerKind: 'user' | 'team';
  tenantId: string;
  /** The period the delivery belongs to, e.g. '2026-W48' in the owner's time zone, or 'adhoc-<iso>'. */
  period: string;
  kind: 'scheduled' | 'adhoc' | 'catchup';
  nudgeId: string;
  behaviourId: string;
  state: DeliveryState;
  attempts: number;
  leaseOwner?: string;
  leaseUntil?: string;
  activityId?: string;
  conversationId?: string;
  dueAt: string;
  createdAt: string;
  updatedAt: string;
  sentAt?: string;
  /** Short machine code for the outcome, e.g. 'http_403', 'lease_expired'. Never message text. */
  outcome?: string;
  /** Set when the person snoozed/skipped/answered in the card. */
  interaction?: { snoozedUntil?: string; skipped?: boolean; useful?: boolean };
  ttl?: number;
}

export interface PollAnswerRecord {
  id: string; // `poll|${deliveryId}` — one per person per delivered nudge
  kind: 'poll';
  userId: string; // partition key
  tenantId: string;
  /** Group the answer counts towards: the tenant for personal nudges, the team for team nudges. */
  groupId: string;
  deliveryId: string;
  nudgeId: string;
  behaviourId: string;
  pollId: string;
  optionId: string;
  /** Optional self-rating 1..5 of how well the person practised the behaviour recently. */
  rating?: number;
  answeredAt: string;
  /** The option the group's running count reflects for this answer (see conversation/running-counts). */
  countedOptionId?: string;
  /** Id of a running-count change written but not yet confirmed here (finished on the next touch). */
  pendingOp?: string;
  /** Increases with every change of answer; part of the running-count operation id. */
  version?: number;
  ttl?: number;
}

export interface ReflectionRecord {
  id: string; // `refl|${deliveryId}`
  kind: 'reflection';
  userId: string;
  tenantId: string;
  deliveryId: string;
  nudgeId: string;
  behaviourId: string;
  text: string;
  savedAt: string;
  ttl?: number;
}

export interface FeedbackRecord {
  id: string; // `fb|${deliveryId}`
  kind: 'feedback';
  userId: string;
  tenantId: string;
  deliveryId: string;
  nudgeId: string;
  useful: boolean;
  savedAt: string;
  ttl?: number;
}

export interface CourseClickRecord {
  id: string;
  kind: 'course';
  userId: string;
  tenantId: string;
  courseId: string;
  at: string;
  ttl?: number;
}

export type ResponseRecord = PollAnswerRecord | ReflectionRecord | FeedbackRecord | CourseClickRecord;

/** Running counts of a poll's answers in a group (tenant or team), so results need no GROUP BY. */
export interface AggregateRecord {
  id: string; // `${groupId}|${pollId}`
  groupId: string; // partition key
  tenantId: string;
  pollId: string;
  behaviourId: string;
  counts: Record<string, number>;
  total: number;
  updatedAt: string;
}

/** A named lease (e.g. the per-tenant sender lease). */
export interface LeaseRecord {
  id: string;
  owner: string;
  until: string;
  updatedAt: string;
}

/** A short-lived export a person can download with an unguessable token. */
export interface ExportRecord {
  id: string; // the token
  userId: string;
  tenantId: string;
  json: string;
  text: string;
  expiresAt: string;
  ttl?: number;
}
