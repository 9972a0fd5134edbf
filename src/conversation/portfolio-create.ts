import { z } from 'zod';
import { MAX_LEARNING_MINUTES, PORTFOLIO_KINDS, type PortfolioKind, type ReflectionRecord } from '../domain';
import { decodeInputValue, entryInputIds, escapeCardText, NO_COURSE, type EntryEdit } from '../cards';
import { formatDate, formatLocal } from '../cards/time-format';
import {
  templateFor,
  writePortfolioDocx,
  type EntryFacts,
  type LearningLine,
  type PortfolioEntry,
  type PortfolioTemplate,
} from '../portfolio';
import { idField, parseCardInput } from './card-input';
import type { ConversationDeps, Reply } from './deps';
import { ConversationError } from './errors';
import { EXPORT_TTL_MINUTES, storeDownload } from './export-data';
import { recordLearningTime } from './learning-log';
import { courseChoicesFor, editCard, warningsFor } from './portfolio';
import { gatherFacts, MAX_PORTFOLIO_ENTRIES } from './portfolio-facts';
import { requireUser, updateUser } from './users';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const createInput = z
  .object({
    kind: z.enum(PORTFOLIO_KINDS as [PortfolioKind, ...PortfolioKind[]]),
    refs: z.string().min(1).max(2000),
    checked: z.union([z.string(), z.boolean()]).optional(),
  })
  .passthrough();

const asMinutes = (v: unknown, label: string): number => {
  if (v === undefined || v === null || v === '') return 0;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > MAX_LEARNING_MINUTES) {
    throw new ConversationError(
      'invalid_input',
      `"${label}" must be a number of minutes from 0 to ${MAX_LEARNING_MINUTES}. Nothing was made.`,
    );
  }
  return Math.round(n);
};

/** The person's edits of entry `i`, as the card sent them; too long a text is refused, naming the question. */
function readEdit(
  t: PortfolioTemplate,
  data: Record<string, unknown>,
  i: number,
  behaviourCourses: Set<string>,
): EntryEdit {
  const ids = entryInputIds(
    i,
    t.sections.map((s) => s.id),
  );
  const sections: Record<string, string> = {};
  for (const s of t.sections) {
    const raw = data[ids.sections[s.id]!];
    const text = decodeInputValue(typeof raw === 'string' ? raw : '')
      .replace(/\r\n?/g, '\n')
      .trim();
    if (text.length > s.maxLength) {
      throw new ConversationError(
        'too_long',
        `Your answer to "${s.heading}" (${t.entryName.toLowerCase()} ${i + 1}) is ${text.length.toLocaleString('en-GB')} characters; the limit is ${s.maxLength.toLocaleString('en-GB')}. Please shorten it. Nothing was made.`,
      );
    }
    sections[s.id] = text;
  }
  const allowed = new Set((t.choice?.options ?? []).map((o) => o.value));
  const rawChoice = data[ids.choice];
  const choice = (typeof rawChoice === 'string' ? rawChoice.split(',') : [])
    .map((c) => c.trim())
    .filter((c) => allowed.has(c));
  const rawCourse = data[ids.course];
  const course = typeof rawCourse === 'string' && behaviourCourses.has(rawCourse) ? rawCourse : NO_COURSE;
  return {
    sections,
    choice: t.choice?.multi ? choice : choice.slice(0, 1),
    minutes: asMinutes(data[ids.minutes], 'Minutes on this nudge'),
    course,
    courseMinutes: course === NO_COURSE ? 0 : asMinutes(data[ids.courseMinutes], 'Its minutes'),
  };
}

/** The person's reflections named by the card, from their own partition; any other id is refused. */
async function readChosen(deps: ConversationDeps, userId: string, refs: string): Promise<ReflectionRecord[]> {
  const ids = refs.split(',').filter((id) => id !== '');
  if (
    ids.length === 0 ||
    ids.length > MAX_PORTFOLIO_ENTRIES ||
    !ids.every((id) => idField.safeParse(id).success && id.startsWith('refl|'))
  ) {
    throw new ConversationError(
      'invalid_input',
      'That card action was not complete or not valid, so nothing was made.',
    );
  }
  const found = await Promise.all(ids.map((id) => deps.store.responses.get(userId, id)));
  if (found.some((r) => !r || r.kind !== 'reflection' || r.userId !== userId)) {
    throw new ConversationError(
      'not_found',
      'One of those reflections is no longer stored (it may have been deleted), so nothing was made.',
      [],
      'Type "portfolio" to choose again.',
    );
  }
  return found as ReflectionRecord[];
}

function entriesOf(t: PortfolioTemplate, facts: readonly EntryFacts[], edits: readonly EntryEdit[]): PortfolioEntry[] {
  return facts.map((f, i) => {
    const e = edits[i]!;
    const titles = (t.choice?.options ?? []).filter((o) => e.choice.includes(o.value)).map((o) => o.title);
    return {
      dateText: f.dateText,
      behaviourTitle: f.behaviourTitle,
      nudgeTitle: f.nudgeTitle,
      sections: t.sections.map((s) => ({ heading: s.heading, text: e.sections[s.id] ?? '' })),
      ...(t.choice ? { choice: { heading: t.choice.heading, chosen: titles } } : {}),
      minutes: e.minutes + e.courseMinutes,
    };
  });
}

function learningLines(
  deps: ConversationDeps,
  facts: readonly EntryFacts[],
  edits: readonly EntryEdit[],
): LearningLine[] {
  const lines: LearningLine[] = [];
  facts.forEach((f, i) => {
    const e = edits[i]!;
    if (e.minutes > 0)
      lines.push({
        dateText: f.dateText,
        activity: `Leadership nudge and reflection: ${f.nudgeTitle}`,
        minutes: e.minutes,
      });
    const course = deps.content.courses.find((c) => c.id === e.course);
    if (course && e.courseMinutes > 0)
      lines.push({
        dateText: f.dateText,
        activity: `Course: ${course.title} (${course.provider})`,
        minutes: e.courseMinutes,
      });
  });
  return lines;
}

/**
 * "Check and make the document": reads the person's edits, warns about likely identifiers (the card
 * comes back with their text and the warnings until they remove them or confirm), then writes the
 * Word document and gives a short-lived download link. Their text goes into the document only: it is
 * not stored anywhere else and never logged. The minutes they gave are kept in their learning log.
 */
export async function createPortfolio(deps: ConversationDeps, userId: string, data: unknown): Promise<Reply> {
  const input = parseCardInput(createInput, data) as z.infer<typeof createInput> & Record<string, unknown>;
  const t = templateFor(input.kind);
  const user = await requireUser(deps, userId);
  const chosen = await readChosen(deps, userId, input.refs);
  const facts = await gatherFacts(deps, userId, chosen, user.prefs);
  const edits = facts.map((f, i) =>
    readEdit(t, input, i, new Set(courseChoicesFor(deps, f.behaviourId).map((c) => c.value))),
  );
  const confirmed = input.checked === true || input.checked === 'true';
  const warnings = warningsFor(t, edits, deps.now());
  if (warnings.length > 0 && !confirmed) {
    deps.logger.info(
      { event: 'portfolio.identifiers_found', count: warnings.length },
      'portfolio check found likely identifiers',
    );
    return { summary: 'Check your portfolio document', card: editCard(deps, input.kind, facts, edits, warnings) };
  }

  for (const [i, f] of facts.entries()) {
    const e = edits[i]!;
    await recordLearningTime(
      deps,
      user,
      { subject: 'nudge', deliveryId: f.deliveryId, nudgeId: f.nudgeId, behaviourId: f.behaviourId },
      e.minutes,
    );
    if (e.course !== NO_COURSE)
      await recordLearningTime(deps, user, { subject: 'course', courseId: e.course }, e.courseMinutes);
  }
  const bytes = await writePortfolioDocx({
    template: t,
    preparedText: `Prepared on ${formatDate(deps.now().toISOString(), user.prefs.timeZone, user.prefs.locale)} from my Leadership Nudges reflections.`,
    entries: entriesOf(t, facts, edits),
    learning: learningLines(deps, facts, edits),
  });
  const day = deps.now().toISOString().slice(0, 10);
  const { url, expiresAt } = await storeDownload(deps, user, {
    json: '',
    text: '',
    document: { fileName: `${t.kind}-${day}.docx`, contentType: DOCX_CONTENT_TYPE, base64: bytes.toString('base64') },
  });
  if (user.portfolioKind !== input.kind) await updateUser(deps, userId, (u) => ({ ...u, portfolioKind: input.kind }));
  deps.logger.info({ event: 'portfolio.made', kind: input.kind, entries: facts.length }, 'portfolio document made');
  return {
    summary: 'Your portfolio document is ready',
    card: deps.renderCard('portfolio-ready', {
      title: t.title,
      url,
      expiresText: `${formatLocal(expiresAt, user.prefs.timeZone, user.prefs.locale)} (in ${EXPORT_TTL_MINUTES} minutes)`,
      yoursToComplete: t.yoursToComplete.map((text) => ({ text: escapeCardText(text) })),
    }),
  };
}
