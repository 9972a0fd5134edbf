import { StoreError } from './errors';

const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Splits a dotted field path ('history.lastBehaviour') into its segments, refusing anything but
 * plain identifiers so adapters can inline the path in SQL without risk of injection.
 */
export function parseFieldPath(field: string): string[] {
  if (!FIELD_PATH.test(field)) throw new StoreError('invalid', `invalid field path "${field}"`);
  return field.split('.');
}

/** Refuses page sizes that are not positive whole numbers. */
export function checkLimit(limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isInteger(limit) || limit < 1) throw new StoreError('invalid', `limit must be a positive integer`);
  return limit;
}
