import type { Poll } from '../content/types';
import type { PollResultRow } from './types';

/** The fewest answers before any result is shown. Never below 5. */
export const MIN_ANSWERS = 5;

export interface PollResultsView {
  showResults: boolean;
  total: number;
  minAnswers: number;
  moreNeeded: number;
  /** Empty unless showResults: no count for a group under the minimum reaches the card. */
  results: PollResultRow[];
}

/**
 * Turns a poll's PUBLISHED counts (a snapshot taken at 5, 10, 15... people: see
 * conversation/running-counts) into result rows, or into "N more needed" while fewer than
 * `minAnswers` (at least 5) people have answered. `people` is the live number of people, used only
 * for "N more needed". `mineOptionId` marks the person's own answer in words.
 */
export function pollResultsView(
  poll: Poll,
  counts: Readonly<Record<string, number>>,
  options: { minAnswers?: number; mineOptionId?: string; people?: number } = {},
): PollResultsView {
  const minAnswers = Math.max(MIN_ANSWERS, options.minAnswers ?? MIN_ANSWERS);
  const total = poll.options.reduce((sum, o) => sum + (counts[o.id] ?? 0), 0);
  const showResults = total >= minAnswers;
  const results = showResults
    ? poll.options.map((o) => {
        const count = counts[o.id] ?? 0;
        const percent = Math.round((count / total) * 100);
        return {
          label: o.label,
          count,
          percent,
          barWeight: Math.max(1, percent),
          restWeight: Math.max(1, 100 - percent),
          mine: o.id === options.mineOptionId ? ' (yours)' : '',
        };
      })
    : [];
  return {
    showResults,
    total,
    minAnswers,
    moreNeeded: Math.max(0, minAnswers - Math.max(total, options.people ?? 0)),
    results,
  };
}
