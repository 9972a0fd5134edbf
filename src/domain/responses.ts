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
