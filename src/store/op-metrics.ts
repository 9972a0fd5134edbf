import type { StoreMetrics } from './port';

/** Counts store operations per kind (e.g. 'users.create') with the request units each one cost. */
export interface OpMetrics {
  /** Adds one operation of `kind` that cost `requestCharge` RU (0 where the backend reports none). */
  record(kind: string, requestCharge: number): void;
  /** A copy of the counts so far, safe to keep. */
  snapshot(): StoreMetrics;
  reset(): void;
}

/** Makes an empty operation counter, shared by both adapters so their metrics look the same. */
export function createOpMetrics(): OpMetrics {
  let ops: StoreMetrics['ops'] = {};
  return {
    record(kind, requestCharge) {
      const entry = ops[kind] ?? (ops[kind] = { count: 0, requestCharge: 0 });
      entry.count += 1;
      entry.requestCharge += requestCharge;
    },
    snapshot() {
      const copy: StoreMetrics['ops'] = {};
      for (const [kind, entry] of Object.entries(ops)) copy[kind] = { ...entry };
      return { ops: copy };
    },
    reset() {
      ops = {};
    },
  };
}
