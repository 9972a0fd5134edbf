/** Coded card errors. The bot maps every one of them to the friendly error card; details go to the log. */
export type CardErrorCode =
  /** No template with that name exists in cards/. */
  | 'unknown_card'
  /** A template file is missing or is not valid JSON. */
  | 'template_invalid'
  /** Expansion left a `${...}` binding unresolved: the data missed a field the template needs. */
  | 'unbound_field'
  /** The expanded card is MAX_CARD_BYTES or more, measured in UTF-16 as Teams does. */
  | 'too_large';

export class CardError extends Error {
  constructor(
    readonly code: CardErrorCode,
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'CardError';
  }
}

/** True when `e` is a CardError (optionally with the given code). */
export const isCardError = (e: unknown, code?: CardErrorCode): e is CardError =>
  e instanceof CardError && (code === undefined || e.code === code);
