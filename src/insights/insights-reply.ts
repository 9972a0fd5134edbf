import type { InsightsCardData } from '../cards/types';
import type { ConversationDeps, Reply } from '../conversation/deps';
import type { InsightsScope } from './insights-scope';
import { insightsTable, type InsightsTable, type TableRow } from './insights-table';
import { readInsightsFigures } from './read-figures';
import { readCourseOpens } from '../conversation/course-opens';

/** The windows the insights card shows, in weeks. */
export const CARD_WINDOWS = [4, 12] as const;

const toCardRows = (rows: TableRow[]) =>
  rows.map((r) => ({ label: r.label, last4: r.cells[0] ?? '', last12: r.cells[1] ?? '' }));

/** The insights card's data from a guarded table of the last 4 and 12 weeks. */
export function insightsCardData(
  table: InsightsTable,
  topCourses: InsightsCardData['topCourses'] = [],
  /** Course opens are practice figures: a team's card has no course section at all. */
  showCourses = true,
): InsightsCardData {
  return {
    scopeName: table.scopeName,
    rows: toCardRows(table.rows),
    behaviours: toCardRows(table.behaviours),
    chart: table.chart,
    chartTitle: table.chartTitle,
    topCourses,
    showCourses,
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

/** The insights card for a team or a practice, last 4 and 12 weeks, counts only. */
export async function insightsReply(deps: ConversationDeps, scope: InsightsScope): Promise<Reply> {
  const table = await buildInsightsTable(deps, scope, CARD_WINDOWS);
  // Course opens are counted per practice: a practice's leads see its own.
  const topCourses = scope.kind === 'practice' ? await mostOpenedCourses(deps, scope.tenantId, scope.practiceId) : [];
  return {
    summary: `Leadership insights: ${scope.name}`,
    card: deps.renderCard('insights', insightsCardData(table, topCourses, scope.kind === 'practice')),
  };
}

/**
 * A practice's most-opened course links over the last 12 weeks (opens are counted per practice,
 * never per person). Only courses opened at least the minimum group size are listed.
 */
export async function mostOpenedCourses(
  deps: Pick<ConversationDeps, 'store' | 'content' | 'config' | 'now'>,
  tenantId: string,
  practiceId: string,
  limit = 5,
): Promise<InsightsCardData['topCourses']> {
  const opens = await readCourseOpens(deps.store, tenantId, practiceId, deps.now(), 12);
  return [...opens]
    .filter(([, n]) => n >= deps.config.minGroupSize)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .flatMap(([id, n]) => {
      const course = deps.content.courses.find((c) => c.id === id);
      return course ? [{ title: course.title, url: course.url, clicks: `${n} opens` }] : [];
    });
}
