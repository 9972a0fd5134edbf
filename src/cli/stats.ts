import { listPractices } from '../practice/practice-records';
import type { Config } from '../config';
import type { InsightsTable } from '../insights/insights-table';
import type { Store } from '../store/port';
import { createCliContext, type CliContext, type CliContextOverrides } from './context';

/** Options of `nudges stats`. */
export interface StatsArgs {
  tenant?: string;
  weeks: number;
  json: boolean;
}

/** Parses `[--tenant ID] [--weeks N] [--json]`; throws with a message naming the option when wrong. */
export function parseStatsArgs(args: readonly string[]): StatsArgs {
  const out: StatsArgs = { weeks: 12, json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') out.json = true;
    else if (arg === '--tenant') {
      const value = args[++i];
      if (!value || !/^[\w.-]{1,100}$/.test(value))
        throw new Error(`--tenant needs a tenant id, got "${value ?? ''}".`);
      out.tenant = value;
    } else if (arg === '--weeks') {
      const value = args[++i] ?? '';
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < 1 || n > 52)
        throw new Error(`--weeks needs a whole number from 1 to 52, got "${value}".`);
      out.weeks = n;
    } else throw new Error(`Unknown option "${arg}". Usage: nudges stats [--tenant ID] [--weeks N] [--json]`);
  }
  return out;
}

/** The windows shown: the last 4 weeks and the last N (one column when N is 4 or less). */
export const statsWindows = (weeks: number): number[] => (weeks <= 4 ? [weeks] : [4, weeks]);

/** A plain-text table of one scope's guarded figures, columns padded to line up. */
export function formatStatsTable(table: InsightsTable): string {
  const lines: string[][] = [
    ['Figure', ...table.columns],
    ...table.rows.map((r) => [r.label, ...r.cells]),
    ['', ...table.columns.map(() => '')],
    ['Behaviour', ...table.columns],
    ...table.behaviours.map((r) => [r.label, ...r.cells]),
  ];
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? '').length)));
  const text = lines.map((l) =>
    l
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  return [
    `${table.scopeName} (any figure over fewer than ${table.minGroupSize} people shows as "fewer than ${table.minGroupSize}")`,
    ...text,
  ].join('\n');
}

/** What `runStats` reads and writes; tests inject a store and capture the output. */
export interface StatsIo extends CliContextOverrides {
  write?: (text: string) => void;
  /** The CLI context to run on (built from the other fields when absent). */
  cli?: CliContext;
}

async function tenantsOf(store: Store, config: Config): Promise<string[]> {
  if (config.allowedTenants.length > 0) return config.allowedTenants;
  const [users, teams] = await Promise.all([
    store.users.query({ limit: 200_000 }),
    store.teams.query({ limit: 100_000 }),
  ]);
  return [...new Set([...users, ...teams].map((r) => r.tenantId))].sort();
}

/**
 * `nudges stats [--tenant ID] [--weeks N] [--json]`: prints, for each practice of each tenant (or of
 * the one named), the same guarded figures as the insights card, as a table or JSON. Returns the exit code.
 */
export async function runStats(args: readonly string[], io: StatsIo = {}): Promise<number> {
  const options = parseStatsArgs(args);
  const cli = io.cli ?? createCliContext(io);
  const write = io.write ?? ((text: string) => console.log(text));
  const config = cli.config();
  const { buildInsightsTable } = await import('../insights/insights-reply');
  const [store, content] = await Promise.all([cli.store(), cli.content()]);
  const now = () => cli.now();
  try {
    const tenants = options.tenant ? [options.tenant] : await tenantsOf(store, config);
    const tables: InsightsTable[] = [];
    // Per practice, never per tenant: a tenant such as NHSmail holds thousands of practices.
    for (const tenantId of tenants) {
      for (const practice of await listPractices(store, tenantId)) {
        const name = `Practice ${practice.practiceId}${practice.odsCode ? ` (${practice.odsCode})` : ''}, tenant ${tenantId}`;
        tables.push(
          await buildInsightsTable(
            { store, content, config, now },
            { kind: 'practice', tenantId, practiceId: practice.practiceId, name },
            statsWindows(options.weeks),
          ),
        );
      }
    }
    if (options.json) write(JSON.stringify({ generatedAt: now().toISOString(), tenants: tables }, null, 2));
    else write(tables.length === 0 ? 'No practices yet.' : tables.map(formatStatsTable).join('\n\n'));
    return 0;
  } finally {
    await cli.close();
  }
}
