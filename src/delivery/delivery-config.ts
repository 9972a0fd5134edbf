import type { Config } from '../config';
import type { DeliveryConfig } from './types';

/** The engine's settings from the app config, with defaults for the rest; `overrides` win. */
export function deliveryConfigFrom(
  config?: Partial<Pick<Config, 'tenantRateLimit' | 'catchUpGraceHours' | 'senderLeaseSeconds'>>,
  overrides: Partial<DeliveryConfig> = {},
): DeliveryConfig {
  return {
    tenantRateLimit: config?.tenantRateLimit ?? 50,
    catchUpGraceHours: config?.catchUpGraceHours ?? 12,
    deliveryLeaseMs: 5 * 60_000,
    senderLeaseMs: (config?.senderLeaseSeconds ?? 60) * 1000,
    useSenderLease: true,
    pageSize: 200,
    concurrencyPerTenant: 16,
    maxQueued: 2000,
    maxAttempts: 5,
    backoffBaseMs: 500,
    backoffMaxMs: 30_000,
    ratingsWindowDays: 56,
    ...overrides,
  };
}
