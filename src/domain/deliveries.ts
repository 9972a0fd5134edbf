/** One nudge sent (or not) to one owner in one period, and its states. */
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
  /** 'welcome' and 'reminder' are the consent messages (ids `welcome|tenant|user`, `reminder|tenant|user`). */
  kind: 'scheduled' | 'adhoc' | 'catchup' | 'welcome' | 'reminder';
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
  /**
   * Team deliveries: the team nudge posted in the channel, chosen when the delivery is claimed. A team
   * poll answer is accepted only for this nudge (card data is checked against it, never trusted).
   */
  teamNudgeId?: string;
  /**
   * Consent messages: how many times the welcome or reminder was given back to be tried again later
   * after its attempts in a run ran out (not counting halts and pauses): bounds the later tries.
   */
  triedLater?: number;
  ttl?: number;
}
