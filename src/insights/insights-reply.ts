import type { InsightsCardData } from '../cards/types';
import type { ConversationDeps, Reply } from '../conversation/deps';
import type { InsightsScope } from './insights-scope';
import { insightsTable, type InsightsTable, type TableRow } from './insights-table';
import { readInsightsFigures } from './read-figures';

/** The windows the insights card shows, in weeks. */
export const CARD_WINDOWS = [4, 12] as const;

const toCardRows = (rows: TableRow[]) =>
  rows.map((r) => ({ label: r.label, last4: r.cells[0] ?? '', last12: r.cells[1] ?? '' }));

/** The insights card's data from a guarded table of the last 4 and 12 weeks. */
export function insightsCardData(table: InsightsTable): InsightsCardData {
  return {
    scopeName: table.scopeName,
    rows: toCardRows(table.rows),
    behaviours: toCardRows(table.behaviours),
    chart: table.chart,
    chartTitle: table.chartTitle,
    // Course links are not counted (they go straight to the provider), so none is listed.
    topCourses: [],
    minGroupSize: table.minGroupSize,
  };
}

/** The guarded insights table of a scope for the given windows (weeks back from now). */
export async function buildInsightsTable(
  deps: Pick<ConversationDeps, 'store' | 'content' | 'config' | 'now'>,
  scope: InsightsScope,
  weeks: readonly number[],
): Promise<InsightsTable> {
  const figures = await readInsightsFigures(deps.store, deps.content, scope, deps.now(), weeks);
  return insightsTable(figures, deps.content, deps.config.minGroupSize);
}

/** The insights card for a team or an organisation, last 4 and 12 weeks, counts only. */
export async function insightsReply(deps: ConversationDeps, scope: InsightsScope): Promise<Reply> {
  const table = await buildInsightsTable(deps, scope, CARD_WINDOWS);
  return { summary: `Leadership insights: ${scope.name}`, card: deps.renderCard('insights', insightsCardData(table)) };
}
