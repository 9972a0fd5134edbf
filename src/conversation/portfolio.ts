import { z } from 'zod';
import type { Preferences, PortfolioKind, UserRecord } from '../domain';
import { PORTFOLIO_KINDS } from '../domain';
import { escapeCardText, NO_COURSE, portfolioEditCardData, type Choice, type EntryEdit } from '../cards';
import { formatDate } from '../cards/time-format';
import {
  draftEntry,
  IDENTIFIER_LABELS,
  kindsFor,
  scanForIdentifiers,
  templateFor,
  type EntryFacts,
  type PortfolioTemplate,
} from '../portfolio';
import { parseCardInput } from './card-input';
import type { ConversationDeps, Reply } from './deps';
import { ConversationError } from './errors';
import { gatherFacts, MAX_PORTFOLIO_ENTRIES, readReflections, selectReflections } from './portfolio-facts';
import { requireUser } from './users';
import { readLearningLog } from './learning-log';

/** The finer profession the settings may hold (nurse, pharmacist, physiotherapist...), if any. */
const professionOf = (prefs: Preferences): unknown => (prefs as Preferences & { profession?: unknown }).profession;

/** The documents offered to this person, best fit first (their last choice first when still offered). */
export function offeredKinds(user: Pick<UserRecord, 'prefs' | 'portfolioKind'>): PortfolioKind[] {
  const kinds = kindsFor(user.prefs.role, professionOf(user.prefs));
  const last = user.portfolioKind;
  return last && kinds.includes(last) ? [last, ...kinds.filter((k) => k !== last)] : kinds;
}

function kindHelp(deps: ConversationDeps, user: UserRecord, kinds: readonly PortfolioKind[]): string {
  const roleTitle = deps.content.roles.find((r) => r.id === user.prefs.role)?.title ?? user.prefs.role;
  if (kinds.length > 2)
    return `Offered for your role (${roleTitle}): choose the one for your registration. NMC for nurses and nursing associates, GPhC for pharmacists and pharmacy technicians, HCPC for physiotherapists, paramedics and other allied health professionals.`;
  return `Offered for your role (${roleTitle}). If your role is wrong, change it in **settings**.`;
}

/** Courses a person may have done on a behaviour: catalogue courses for it still running (at most 6). */
export function courseChoicesFor(deps: Pick<ConversationDeps, 'content'>, behaviourId: string): Choice[] {
  return deps.content.courses
    .filter((c) => c.ways.includes('course') && c.behaviours.includes(behaviourId as never))
    .filter((c) => c.status !== 'closed' && c.status !== 'historic')
    .slice(0, 6)
    .map((c) => ({ title: c.title.length > 60 ? `${c.title.slice(0, 57)}...` : c.title, value: c.id }));
}

/**
 * The portfolio's first card (typed `portfolio`, or the history card's button): how many reflections
 * there are, which of them to use and the document that fits the person's role.
 */
export async function showPortfolio(deps: ConversationDeps, userId: string): Promise<Reply> {
  const user = await requireUser(deps, userId);
  const reflections = await readReflections(deps, userId);
  if (reflections.length === 0) {
    return {
      summary: 'No reflections yet',
      card: deps.renderCard('message', {
        title: 'No reflections yet',
        text: 'A portfolio document is made from your saved reflections. Answer a nudge and save a reflection on it (type **nudge** for one now), then type **portfolio** again.',
      }),
    };
  }
  const kinds = offeredKinds(user);
  const reflected = new Set(reflections.map((r) => r.behaviourId));
  const latest = reflections[0]!;
  const n = reflections.length;
  return {
    summary: 'Make a portfolio document',
    card: deps.renderCard('portfolio', {
      introText: `Turn your reflections into a Word document for your ${kinds.every((k) => k === 'appraisal') ? 'annual appraisal' : 'appraisal or revalidation'}. You check and edit every word before it is made. Only you can see this.`,
      countText: `You have ${n} saved reflection${n === 1 ? '' : 's'}, the latest on ${formatDate(latest.savedAt, user.prefs.timeZone, user.prefs.locale)}. A document holds up to ${MAX_PORTFOLIO_ENTRIES}.`,
      kind: kinds[0]!,
      kindChoices: kinds.map((k) => ({ title: templateFor(k).choiceTitle, value: k })),
      kindHelp: kindHelp(deps, user, kinds),
      behaviour: 'any',
      behaviourChoices: [
        { title: 'Any behaviour', value: 'any' },
        ...deps.content.behaviours.filter((b) => reflected.has(b.id)).map((b) => ({ title: b.title, value: b.id })),
      ],
      count: '1',
      countChoices: Array.from({ length: Math.min(MAX_PORTFOLIO_ENTRIES, n) }, (_, i) => ({
        title: i === 0 ? 'The latest one' : `The latest ${i + 1}`,
        value: String(i + 1),
      })),
      from: '',
      to: '',
    }),
  };
}

const localDate = z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]).optional();

const prepareInput = z.object({
  kind: z.enum(PORTFOLIO_KINDS as [PortfolioKind, ...PortfolioKind[]]),
  behaviour: z
    .string()
    .max(40)
    .regex(/^[a-z-]+$/),
  count: z.union([z.string(), z.number()]).transform(Number).pipe(z.number().int().min(1).max(MAX_PORTFOLIO_ENTRIES)),
  from: localDate,
  to: localDate,
});

/** The first edit of each entry: the drafted text, the drafted choice and the minutes already logged. */
export function firstEdits(
  kind: PortfolioKind,
  facts: readonly EntryFacts[],
  courseOf: (f: EntryFacts) => [string, number],
): EntryEdit[] {
  return facts.map((f) => {
    const draft = draftEntry(kind, f);
    const [course, courseMinutes] = courseOf(f);
    const t = templateFor(kind);
    const sections = Object.fromEntries(
      t.sections.map((s) => [s.id, (draft.sections[s.id] ?? '').slice(0, s.maxLength)]),
    );
    return { sections, choice: draft.choice, minutes: f.minutes, course, courseMinutes };
  });
}

/**
 * "Draft it": the chosen reflections as the questions of the chosen document, prefilled from what the
 * person did, on a card they edit before the document is made.
 */
export async function preparePortfolio(deps: ConversationDeps, userId: string, data: unknown): Promise<Reply> {
  const input = parseCardInput(prepareInput, data);
  if (input.from && input.to && input.from > input.to) {
    throw new ConversationError(
      'invalid_input',
      'The "From" date is after the "To" date, so no reflection fits.',
      [],
      'Choose a "From" date on or before the "To" date.',
    );
  }
  if (input.behaviour !== 'any' && !deps.content.behaviours.some((b) => b.id === input.behaviour)) {
    throw new ConversationError('invalid_input', 'That behaviour is not one I know, so nothing was drafted.');
  }
  const user = await requireUser(deps, userId);
  const chosen = selectReflections(
    await readReflections(deps, userId),
    { behaviour: input.behaviour, from: input.from || undefined, to: input.to || undefined, count: input.count },
    user.prefs.timeZone,
  );
  if (chosen.length === 0) {
    throw new ConversationError(
      'not_found',
      'None of your saved reflections fits that choice of behaviour and dates.',
      [],
      'Choose "Any behaviour" or widen the dates, then select "Draft it" again.',
    );
  }
  const [facts, learning] = await Promise.all([
    gatherFacts(deps, userId, chosen, user.prefs),
    readLearningLog(deps, userId),
  ]);
  // The course a person logged time on for this behaviour, if any, is offered again with its minutes.
  const courseOf = (f: EntryFacts): [string, number] => {
    const offered = new Set(courseChoicesFor(deps, f.behaviourId).map((c) => c.value));
    const logged = learning.find((l) => l.subject === 'course' && l.courseId && offered.has(l.courseId));
    return logged?.courseId ? [logged.courseId, logged.minutes] : [NO_COURSE, 0];
  };
  const edits = firstEdits(input.kind, facts, courseOf);
  return {
    summary: 'Check your portfolio document',
    // The reflection itself may already name someone: say so on the first draft, before any editing.
    card: editCard(deps, input.kind, facts, edits, warningsFor(templateFor(input.kind), edits, deps.now())),
  };
}

/** The most warnings listed on the card; the rest are counted. */
const MAX_WARNINGS_SHOWN = 12;

/** One warning line per likely identifier, naming where it is (shown only to the person). */
export function warningsFor(t: PortfolioTemplate, edits: readonly EntryEdit[], now: Date): string[] {
  const lines: string[] = [];
  edits.forEach((e, i) => {
    for (const s of t.sections) {
      for (const f of scanForIdentifiers(e.sections[s.id] ?? '', now)) {
        const found = f.text.length > 60 ? `${f.text.slice(0, 57)}...` : f.text;
        lines.push(`${t.entryName} ${i + 1}, "${s.heading}": "${found}" looks like ${IDENTIFIER_LABELS[f.kind]}.`);
      }
    }
  });
  if (lines.length <= MAX_WARNINGS_SHOWN) return lines.map(escapeCardText);
  return [...lines.slice(0, MAX_WARNINGS_SHOWN), `And ${lines.length - MAX_WARNINGS_SHOWN} more.`].map(escapeCardText);
}

/** The editing card for `kind` with these entries and warnings. */
export function editCard(
  deps: ConversationDeps,
  kind: PortfolioKind,
  facts: readonly EntryFacts[],
  edits: readonly EntryEdit[],
  warnings: readonly string[],
): object {
  return deps.renderCard(
    'portfolio-edit',
    portfolioEditCardData({
      template: templateFor(kind),
      facts,
      edits,
      courseChoices: (b) => courseChoicesFor(deps, b),
      warnings,
    }),
  );
}
