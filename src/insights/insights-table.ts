import { insightFigure } from '../cards/insights-figure';
import { MIN_ANSWERS } from '../cards/poll-results';
import type { ChartPoint } from '../cards/types';
import type { Content } from '../content/types';
import type { BehaviourFigures, InsightsFigures, WindowFigures } from './insights-scope';

/** One labelled line of figures, one cell per window, each already guarded ('fewer than 5'). */
export interface TableRow {
  label: string;
  cells: string[];
}

/** The figures as people may see them: every figure over a group under the minimum is 'fewer than N'. */
export interface InsightsTable {
  scopeName: string;
  /** e.g. ['Last 4 weeks', 'Last 12 weeks'] */
  columns: string[];
  rows: TableRow[];
  behaviours: TableRow[];
  /** Poll answers per behaviour over the longest window, only for behaviours with enough people. */
  chart: ChartPoint[];
  chartTitle: string;
  /** The minimum group size in force (never below 5). */
  minGroupSize: number;
}

const percent = (part: number, whole: number): string => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '0%');
const RATING_STEP = 0.2;

function topOption(f: BehaviourFigures): string {
  const [label, n] = Object.entries(f.options).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? ['', 0];
  return `most said "${label}" (${percent(n, f.answers)})`;
}

function behaviourCell(
  f: BehaviourFigures | undefined,
  earlier: { sum: number; count: number; raters: number } | undefined,
  min: number,
  withTrend: boolean,
): string {
  if (!f || f.people < min) return insightFigure(0, 0, min);
  const parts = [`${f.answers} answers`, topOption(f)];
  if (f.raters >= min && f.ratingCount > 0) {
    const avg = f.ratingSum / f.ratingCount;
    let rating = `self-rating ${avg.toFixed(1)}/5`;
    if (withTrend && earlier && earlier.raters >= min && earlier.count > 0) {
      const before = earlier.sum / earlier.count;
      rating += avg - before >= RATING_STEP ? ', rising' : before - avg >= RATING_STEP ? ', falling' : ', steady';
    }
    parts.push(rating);
  }
  return parts.join('; ');
}

function activityRows(figures: InsightsFigures, min: number): TableRow[] {
  const g = (value: string | number, group: number) => insightFigure(value, group, min);
  const ws = figures.windows;
  const row = (label: string, cell: (w: WindowFigures) => string): TableRow => ({ label, cells: ws.map(cell) });
  // Poll figures are published snapshots (5, 10, 15... people per poll): see conversation/running-counts.
  if (figures.scope.kind === 'team') {
    return [
      // Not about people: anyone in the channel can count the posts, so the figure is always shown.
      row('Team nudges posted', (w) => String(w.delivered)),
      row('Team poll answers (each person once per poll)', (w) => g(w.answers, w.answerers)),
      row('Reflections saved', () => 'personal chats only'),
    ];
  }
  return [
    row('Nudges delivered', (w) => g(w.delivered, w.recipients)),
    row('Share answered', (w) => g(percent(w.answers, w.delivered), w.answerers)),
    row('Reflections saved', (w) => g(w.reflections ?? 0, w.recipients)),
    row('Poll answers (each person once per poll)', (w) => g(w.answers, w.answerers)),
  ];
}

/**
 * Turns raw figures into what may be shown: every figure over a group smaller than `minGroupSize`
 * (never below 5) becomes 'fewer than N', behaviours with too few people are left out of the chart,
 * and only counts appear, never names. The card and `nudges stats` both show this table.
 */
export function insightsTable(
  figures: InsightsFigures,
  content: Pick<Content, 'behaviours'>,
  minGroupSize: number,
): InsightsTable {
  const min = Math.max(MIN_ANSWERS, minGroupSize);
  const shortestWeeks = Math.min(...figures.windows.map((w) => w.weeks));
  const longest = figures.windows.reduce((a, b) => (b.weeks > a.weeks ? b : a));
  const behaviours = content.behaviours.map((b) => ({
    label: b.title,
    cells: figures.windows.map((w) =>
      behaviourCell(w.behaviours[b.id], figures.earlierRatings[b.id], min, w.weeks === shortestWeeks),
    ),
  }));
  const chart = content.behaviours
    .filter((b) => (longest.behaviours[b.id]?.people ?? 0) >= min)
    .map((b) => ({ x: b.title, y: longest.behaviours[b.id]?.answers ?? 0 }));
  return {
    scopeName: figures.scope.name,
    columns: figures.windows.map((w) => `Last ${w.weeks} weeks`),
    rows: activityRows(figures, min),
    behaviours,
    chart,
    chartTitle: `Poll answers per behaviour, last ${longest.weeks} weeks`,
    minGroupSize: min,
  };
}
