import type { Config } from '../config';

/** The retention period in seconds: the `ttl` every stored record about people carries (RETENTION_DAYS). */
export const retentionSeconds = (config: Pick<Config, 'retentionDays'>): number => config.retentionDays * 86_400;

/** How long answers and reflections are kept, in words for the welcome and settings cards. */
export function retentionText(days: number): string {
  if (days % 365 === 0) {
    const years = days / 365;
    return `Answers and reflections are kept for ${years === 1 ? '12 months' : `${years} years`}, then deleted.`;
  }
  return `Answers and reflections are kept for ${days} days, then deleted.`;
}
