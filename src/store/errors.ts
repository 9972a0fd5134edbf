/** Coded store errors. Adapters translate their own failures into these, so callers never see SQLite or Cosmos errors. */
export type StoreErrorCode = 'conflict' | 'precondition_failed' | 'not_found' | 'unavailable' | 'invalid';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export const isConflict = (e: unknown): boolean => e instanceof StoreError && e.code === 'conflict';
export const isPreconditionFailed = (e: unknown): boolean =>
  e instanceof StoreError && e.code === 'precondition_failed';
export const isUnavailable = (e: unknown): boolean => e instanceof StoreError && e.code === 'unavailable';
