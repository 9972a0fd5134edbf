import type { LearningTimeRecord } from './learning';

/** What people answer in a nudge's card, and the running counts of poll answers. */
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

/**
 * A person's one vote in a poll's group count: one per person, group and poll (whatever how many times
 * the nudge reached them or they answered), so a group count counts people, never answers. It is the
 * person's latest answer; changing it moves only their own vote. Deleted with the person's data.
 */
export interface PollVoteRecord {
  id: string; // `vote|${groupId}|${pollId}`
  kind: 'vote';
  userId: string; // partition key
  tenantId: string;
  groupId: string;
  pollId: string;
  behaviourId: string;
  optionId: string;
  rating?: number;
  /** The option and rating the group's running count reflects for this vote. */
  countedOptionId?: string;
  countedRating?: number;
  /** Id of a running-count change written but not yet confirmed here (finished on the next touch). */
  pendingOp?: string;
  /**
   * The group count already held this person before they erased their data (its "already counted"
   * marker, conversation/counted-marker.ts): the vote is kept for them but moves no count, ever.
   */
  uncounted?: boolean;
  updatedAt: string;
  ttl?: number;
}

export type ResponseRecord =
  PollAnswerRecord | ReflectionRecord | FeedbackRecord | CourseClickRecord | PollVoteRecord | LearningTimeRecord;

/**
 * What a group may see of a poll: a snapshot of the running counts taken when the number of people
 * reached a multiple of the minimum group size (5, 10, 15...), so two views of it differ by at least
 * that many people (see README "Privacy"). Ratings are published the same way, by number of raters.
 */
export interface PublishedResult {
  /** People counted in `counts` (a multiple of the step when published). */
  people: number;
  counts: Record<string, number>;
  at: string;
  raters: number;
  ratingSum: number;
  /** When the ratings were last published (absent until `raters` first reached the step). */
  ratingsAt?: string;
}

/** Running counts of a poll's votes in a group (tenant or team), so results need no GROUP BY. */
export interface AggregateRecord {
  id: string; // `${groupId}|${pollId}`
  groupId: string; // partition key
  tenantId: string;
  pollId: string;
  behaviourId: string;
  /** Live counts, one per person (course opens: one per open). Never shown: views read `published`. */
  counts: Record<string, number>;
  total: number;
  ratingSum?: number;
  raters?: number;
  published?: PublishedResult;
  updatedAt: string;
  ttl?: number;
}
