/** How long answers and reflections are kept, in words for the welcome and settings cards. */
export function retentionText(days: number): string {
  if (days % 365 === 0) {
    const years = days / 365;
    return `Answers and reflections are kept for ${years === 1 ? '12 months' : `${years} years`}, then deleted.`;
  }
  return `Answers and reflections are kept for ${days} days, then deleted.`;
}
