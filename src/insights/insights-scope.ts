/**
 * Whose figures: one team (its channel polls and team nudges) or one practice's personal nudges (the
 * people in its teams' rosters). Never a tenant: a tenant such as NHSmail holds thousands of practices.
 */
export type InsightsScope =
  | { kind: 'team'; tenantId: string; teamId: string; name: string }
  | { kind: 'practice'; tenantId: string; practiceId: string; name: string };

/**
 * Figures about one behaviour's polls in a window: sums of published poll snapshots (each person
 * counted once per poll). Never shown without the group-size guard.
 */
export interface BehaviourFigures {
  answers: number;
  /** People counted in the snapshots (once per poll). */
  people: number;
  /** Answers per option label. */
  options: Record<string, number>;
  ratingSum: number;
  ratingCount: number;
  /** Self-ratings in published rating snapshots. */
  raters: number;
}

/** Raw figures for the last `weeks` weeks. Raw: the view applies the minimum group size. */
export interface WindowFigures {
  weeks: number;
  /** Nudges sent (team scope: team nudges posted in the channel). */
  delivered: number;
  /** Distinct owners they went to (people; 1 for a team). */
  recipients: number;
  /** Poll answers in published snapshots (each person once per poll). */
  answers: number;
  /** The group the answer figures describe: the same people, counted once per poll. */
  answerers: number;
  /** Reflections saved (practice scope only; reflections are personal, only their number is counted). */
  reflections?: number;
  behaviours: Record<string, BehaviourFigures>;
}

/** Everything the insights card and `nudges stats` show, before the group-size guard. */
export interface InsightsFigures {
  scope: InsightsScope;
  windows: WindowFigures[];
  /** Per behaviour: average self-rating in the earlier part of the longest window (for the trend). */
  earlierRatings: Record<string, { sum: number; count: number; raters: number }>;
}
