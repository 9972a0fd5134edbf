import { MIN_ANSWERS } from './poll-results';

/**
 * A figure for the insights card, or 'fewer than N' when the group it describes has fewer than
 * `minGroupSize` people (never below 5), so no figure about a small group reaches the card.
 */
export function insightFigure(value: string | number, groupSize: number, minGroupSize: number = MIN_ANSWERS): string {
  const minimum = Math.max(MIN_ANSWERS, minGroupSize);
  return groupSize < minimum ? `fewer than ${minimum}` : String(value);
}
