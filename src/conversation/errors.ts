/**
 * Coded errors of the conversation use cases. The bot maps each to a friendly card in one place;
 * details go to the log, never the user's text.
 */
export type ConversationErrorCode =
  'invalid_input' | 'not_found' | 'forbidden' | 'not_registered' | 'too_long' | 'store_unavailable' | 'unknown_verb';

export class ConversationError extends Error {
  constructor(
    readonly code: ConversationErrorCode,
    /** Safe to show to the person: plain, specific, no internal detail. */
    readonly userMessage: string,
    /** Per-field messages for forms (settings). */
    readonly fieldErrors: string[] = [],
    /** What is allowed instead, e.g. 'Pause for 1 to 12 weeks, e.g. "pause 3 weeks".'; shown as what to try. */
    readonly tryNext?: string,
  ) {
    super(`${code}: ${userMessage}`);
    this.name = 'ConversationError';
  }
}
