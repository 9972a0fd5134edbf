import { StoreError } from '../errors';

/** The HTTP status (or network code) of an @azure/cosmos failure. */
function statusOf(err: unknown): number | string | undefined {
  const e = err as { code?: unknown; statusCode?: unknown } | null;
  if (typeof e?.code === 'number') return e.code;
  if (typeof e?.statusCode === 'number') return e.statusCode;
  return typeof e?.code === 'string' ? e.code : undefined;
}

/** The request charge the service reported on a failed call (a 409 or 412 still costs RUs). */
export function chargeOfError(err: unknown): number {
  const e = err as { requestCharge?: unknown; headers?: Record<string, unknown> } | null;
  if (typeof e?.requestCharge === 'number') return e.requestCharge;
  const header = Number(e?.headers?.['x-ms-request-charge']);
  return Number.isFinite(header) ? header : 0;
}

/**
 * Turns an @azure/cosmos failure into a StoreError: 409 conflict, 412 precondition_failed,
 * 404 not_found, 400 invalid; throttling that outlasted the SDK's retries, 5xx, timeouts,
 * auth failures and network errors (no HTTP status at all) become 'unavailable'.
 */
export function mapCosmosError(err: unknown, operation: string): StoreError {
  if (err instanceof StoreError) return err;
  const status = statusOf(err);
  switch (status) {
    case 409:
      return new StoreError('conflict', `${operation}: document already exists`, err);
    case 412:
      return new StoreError('precondition_failed', `${operation}: document changed since it was read`, err);
    case 404:
      return new StoreError('not_found', `${operation}: not found`, err);
    case 400:
      return new StoreError('invalid', `${operation}: request rejected by Cosmos DB`, err);
    default:
      return new StoreError('unavailable', `${operation}: Cosmos DB unavailable (${String(status ?? 'network')})`, err);
  }
}
