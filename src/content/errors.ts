/** Why content could not be used: a file could not be read or parsed, or its entries break the rules. */
export type ContentErrorCode = 'unreadable' | 'invalid';

/**
 * Content that stops start-up. `problems` lists every problem found, each naming the file, the entry id
 * and the field, e.g. `nudges/compassion.json: nudge "compassion-03" field "poll.options": needs 3 to 5 options, has 2`.
 */
export class ContentError extends Error {
  constructor(
    readonly code: ContentErrorCode,
    readonly problems: string[],
  ) {
    super(
      problems.length === 1
        ? `Content problem: ${problems[0]}`
        : `${problems.length} content problems:\n${problems.map((p) => `- ${p}`).join('\n')}`,
    );
    this.name = 'ContentError';
  }
}

/** True when `e` is a ContentError. */
export const isContentError = (e: unknown): e is ContentError => e instanceof ContentError;
