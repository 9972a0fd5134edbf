/**
 * Coded errors of the practice use cases. The bot maps each to the friendly error card in one place
 * (src/bot/error-reply.ts), as it does conversation errors; the message is safe to show.
 */
export type PracticeErrorCode = 'invalid_input' | 'forbidden' | 'not_found';

export class PracticeError extends Error {
  constructor(
    readonly code: PracticeErrorCode,
    /** Safe to show to the person: plain, specific, no internal detail, never another practice's name. */
    readonly userMessage: string,
    /** One message per bad field of a form. */
    readonly fieldErrors: string[] = [],
  ) {
    super(`${code}: ${userMessage}`);
    this.name = 'PracticeError';
  }
}
