/**
 * Request units per Cosmos DB operation kind, for when the server reports no real charges (the local
 * Cosmos-compatible server answers every call with a placeholder charge of 1). Figures for small (~1 KB) items with the
 * default indexing policy, from Azure's "Request units" guidance: a point read costs 1 RU, a
 * write about 5-6 RU (we use 6: our documents carry several indexed fields), a single-partition
 * query about 2.5-3 RU for a handful of results (we use 3).
 * https://learn.microsoft.com/azure/cosmos-db/request-units
 */
const RU_PER_OP: Record<string, number> = {
  get: 1,
  create: 6,
  upsert: 6,
  replace: 6,
  delete: 6,
  query: 3,
  count: 3,
  deletePartition: 6,
};

/** Sums estimated RUs over store metrics keyed `${container}.${op}`. */
export function estimateRequestUnits(ops: Record<string, { count: number }>): number {
  let ru = 0;
  for (const [key, { count }] of Object.entries(ops)) ru += count * (RU_PER_OP[key.split('.').pop() ?? ''] ?? 3);
  return ru;
}

/** Reported charges when there are any, else the estimate; says which. */
export function requestUnitsOf(ops: Record<string, { count: number; requestCharge: number }>): {
  ru: number;
  source: 'reported by the server' | 'estimated from operation counts';
} {
  const reported = Object.values(ops).reduce((s, e) => s + e.requestCharge, 0);
  const count = Object.values(ops).reduce((s, e) => s + e.count, 0);
  // @vercel/cosmosdb-server answers every call with a charge of exactly 1: a placeholder, not a cost.
  const placeholder = reported === count;
  return reported > 0 && !placeholder
    ? { ru: reported, source: 'reported by the server' }
    : { ru: estimateRequestUnits(ops), source: 'estimated from operation counts' };
}

/**
 * Request units per unit of work (a delivered nudge, a card action) for each operation kind
 * (`container.op`), reported or estimated as `requestUnitsOf` decided for the whole run.
 */
export function requestUnitsByOperation(
  ops: Record<string, { count: number; requestCharge: number }>,
  units: number,
): Record<string, number> {
  const source = requestUnitsOf(ops).source;
  const per = Math.max(1, units);
  return Object.fromEntries(
    Object.entries(ops)
      .map(([key, e]): [string, number] => {
        const ru = source === 'reported by the server' ? e.requestCharge : estimateRequestUnits({ [key]: e });
        return [key, Math.round((ru / per) * 100) / 100];
      })
      .sort((a, b) => b[1] - a[1]),
  );
}

/** A markdown cell listing the largest RU shares, e.g. `deliveries.replace 12, users.replace 6`. */
export function describeRequestUnits(byOperation: Record<string, number>): string {
  return Object.entries(byOperation)
    .filter(([, ru]) => ru > 0)
    .map(([key, ru]) => `${key} ${ru}`)
    .join(', ');
}
