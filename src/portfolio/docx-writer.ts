import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { NMC_CODE_THEMES } from './templates';
import type { PortfolioDocument, PortfolioEntry } from './types';

const FONT = 'Arial';
const EMPTY = '(To complete.)';
const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const BORDERS = { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER };

/**
 * Characters XML 1.0 cannot hold (control characters other than tab and line breaks, unpaired
 * surrogates, U+FFFE/U+FFFF): Word refuses a document that contains one, so they are dropped.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const xmlSafe = (s: string): string => s.replace(NOT_XML, '');

/** A person's text as paragraphs, one per line they wrote (blank lines kept as spacing). */
function paragraphsOf(text: string): Paragraph[] {
  const trimmed = xmlSafe(text).trim();
  if (trimmed === '')
    return [new Paragraph({ children: [new TextRun({ text: EMPTY, italics: true, color: '666666' })] })];
  return trimmed.split(/\n+/).map((line) => new Paragraph({ children: [new TextRun(line)], spacing: { after: 120 } }));
}

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ text, heading: level, spacing: { before: 240, after: 120 }, keepNext: true });

const bullet = (text: string) => new Paragraph({ text, bullet: { level: 0 } });

function cell(text: string, header = false, width?: number): TableCell {
  return new TableCell({
    borders: BORDERS,
    ...(width ? { width: { size: width, type: WidthType.PERCENTAGE } } : {}),
    ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EEF4' } } : {}),
    children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })],
  });
}

function table(headers: readonly string[], rows: readonly (readonly string[])[], widths: readonly number[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, true, widths[i])) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, false, widths[i])) })),
    ],
  });
}

/** The NMC form's theme boxes: every theme listed, the chosen ones ticked. */
function nmcThemes(chosen: readonly string[]): Paragraph[] {
  return NMC_CODE_THEMES.map(
    (t) => new Paragraph({ children: [new TextRun(`${chosen.includes(t.title) ? '\u2612' : '\u2610'}  ${t.title}`)] }),
  );
}

function entryBlock(doc: PortfolioDocument, entry: PortfolioEntry, index: number): (Paragraph | Table)[] {
  const t = doc.template;
  const out: (Paragraph | Table)[] = [
    new Paragraph({
      text: `${t.entryName} ${index + 1}: ${entry.nudgeTitle}`,
      heading: HeadingLevel.HEADING_1,
      spacing: { before: 240, after: 120 },
      keepNext: true,
      // Each NMC account is its own form: start each after the first on a new page.
      pageBreakBefore: t.kind === 'nmc' && index > 0,
    }),
    new Paragraph({
      children: [
        new TextRun({ text: 'Date: ', bold: true }),
        new TextRun(entry.dateText),
        new TextRun({ text: '    Leadership behaviour: ', bold: true }),
        new TextRun(entry.behaviourTitle),
      ],
      spacing: { after: 120 },
    }),
  ];
  if (entry.choice && t.kind !== 'nmc') {
    out.push(
      new Paragraph({
        children: [
          new TextRun({ text: `${entry.choice.heading}: `, bold: true }),
          new TextRun(entry.choice.chosen.join(', ') || EMPTY),
        ],
      }),
    );
  }
  for (const s of entry.sections) out.push(heading(s.heading, HeadingLevel.HEADING_2), ...paragraphsOf(s.text));
  if (entry.choice && t.kind === 'nmc')
    out.push(heading(entry.choice.heading, HeadingLevel.HEADING_3), ...nmcThemes(entry.choice.chosen));
  if (t.learningTimeHeading && entry.minutes > 0) {
    out.push(
      new Paragraph({
        children: [
          new TextRun({ text: 'Learning time: ', bold: true }),
          new TextRun(minutesText(entry.minutes, t.creditsPerHour)),
        ],
        spacing: { before: 120 },
      }),
    );
  }
  return out;
}

/** Credits for minutes at a rate per hour, to two decimals (45 minutes at 1 an hour: 0.75). */
const creditsFor = (minutes: number, perHour: number): number => Math.round((minutes / 60) * perHour * 100) / 100;

/** '90 minutes (1.5 credits)' or '90 minutes'. */
export function minutesText(minutes: number, creditsPerHour?: number): string {
  const base = `${minutes} minute${minutes === 1 ? '' : 's'}`;
  if (!creditsPerHour) return base;
  const credits = creditsFor(minutes, creditsPerHour);
  return `${base} (${credits} credit${credits === 1 ? '' : 's'})`;
}

function learningBlock(doc: PortfolioDocument): (Paragraph | Table)[] {
  const t = doc.template;
  if (!t.learningTimeHeading) return [];
  const total = doc.learning.reduce((n, l) => n + l.minutes, 0);
  const credit = t.creditsPerHour !== undefined;
  const headers = ['Date', 'Activity', 'Minutes', ...(credit ? ['Credits'] : [])];
  const creditsOf = (m: number) => String(creditsFor(m, t.creditsPerHour ?? 0));
  const rows = doc.learning.map((l) => [
    l.dateText,
    l.activity,
    String(l.minutes),
    ...(credit ? [creditsOf(l.minutes)] : []),
  ]);
  rows.push(['', 'Total', String(total), ...(credit ? [creditsOf(total)] : [])]);
  return [
    heading(t.learningTimeHeading, HeadingLevel.HEADING_1),
    new Paragraph({ text: t.learningTimeNote, spacing: { after: 120 } }),
    doc.learning.length === 0
      ? new Paragraph({ children: [new TextRun({ text: 'No learning time recorded yet.', italics: true })] })
      : table(headers, rows, credit ? [22, 48, 15, 15] : [25, 55, 20]),
  ];
}

function developmentPlan(doc: PortfolioDocument): (Paragraph | Table)[] {
  if (!doc.template.developmentPlan) return [];
  const next = doc.entries.map((e) => e.sections[e.sections.length - 1]?.text.trim() ?? '').filter((s) => s !== '');
  const rows = (next.length > 0 ? next : ['']).map((n) => [n, '', '', '']);
  return [
    heading('My personal development plan', HeadingLevel.HEADING_1),
    new Paragraph({ text: 'To agree with my appraiser or line manager.', spacing: { after: 120 } }),
    table(['What I want to develop', 'How I will do it', 'By when', 'How I will know'], rows, [34, 28, 14, 24]),
  ];
}

/**
 * Writes a portfolio as a Word document (.docx, Office Open XML) and returns its bytes. Only the
 * document holds the person's text: nothing is logged.
 */
export async function writePortfolioDocx(doc: PortfolioDocument): Promise<Buffer> {
  const t = doc.template;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: t.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: doc.preparedText, italics: true })], spacing: { after: 200 } }),
    ...t.intro.map((p) => new Paragraph({ text: p, spacing: { after: 120 } })),
    ...doc.entries.flatMap((e, i) => entryBlock(doc, e, i)),
    ...learningBlock(doc),
    ...developmentPlan(doc),
    heading('What is still mine to do', HeadingLevel.HEADING_1),
    ...t.yoursToComplete.map(bullet),
  ];
  if (t.sources.length > 0) {
    children.push(heading('Where this shape comes from', HeadingLevel.HEADING_2));
    for (const s of t.sources) {
      children.push(
        new Paragraph({
          children: [
            new TextRun(`${s.label}: `),
            new ExternalHyperlink({ link: s.url, children: [new TextRun({ text: s.url, style: 'Hyperlink' })] }),
          ],
        }),
      );
    }
  }
  const document = new Document({
    creator: 'Leadership Nudges',
    title: t.title,
    description: 'Reflective notes prepared from Leadership Nudges reflections',
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: 'Private: my reflective notes. Page ', size: 16, color: '666666' }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16, color: '666666' }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
