import { escapeCardText } from '../cards/escape';
import { z } from 'zod';
import { behaviourChoices, courseItem, formatChoices, roleChoices, timeChoices } from '../cards';
import { findBehaviour } from '../content/catalogue';
import { courseListFor } from '../content/course-list';
import type { BehaviourId, CourseFormat, TimeBand } from '../content/types';
import type { Role } from '../domain';
import { ROLES } from '../domain';
import { parseCardInput } from './card-input';
import type { ConversationDeps, Reply } from './deps';
import { ConversationError } from './errors';
import { requireUser } from './users';
import { courseLinks, withTrackedLinks } from './nudge-view';
import { countingGroupsOf } from '../practice/practice-groups';

const coursesInput = z.object({
  behaviour: z.string().max(60).optional(),
  role: z.string().max(30).optional(),
  format: z.string().max(30).optional(),
  time: z.string().max(30).optional(),
});

export interface CourseFilters {
  behaviour?: BehaviourId;
  role?: Role;
  format?: CourseFormat;
  timeBand?: TimeBand;
}

/** Reads filters from a card (empty strings mean "any"); unknown values are refused with a message. */
export function parseCourseFilters(deps: ConversationDeps, data: unknown): CourseFilters {
  const raw = parseCardInput(coursesInput, data ?? {});
  // 'any' (or empty) means no filter.
  const input = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v === 'any' ? '' : v])) as typeof raw;
  const filters: CourseFilters = {};
  if (input.behaviour) {
    const b = findBehaviour(deps.content, input.behaviour);
    if (!b) throw new ConversationError('invalid_input', `Choose a behaviour from the list: ${behaviourNames(deps)}.`);
    filters.behaviour = b.id;
  }
  if (input.role) {
    if (!ROLES.includes(input.role as Role))
      throw new ConversationError(
        'invalid_input',
        `Choose a role from the list: ${roleChoices(deps.content)
          .map((r) => r.title)
          .join('; ')}.`,
      );
    filters.role = input.role as Role;
  }
  if (input.format) {
    if (!formatChoices().some((f) => f.value === input.format))
      throw new ConversationError(
        'invalid_input',
        `Choose a format from the list: ${formatChoices()
          .map((f) => f.title)
          .join('; ')}.`,
      );
    filters.format = input.format as CourseFormat;
  }
  if (input.time) {
    if (!timeChoices().some((t) => t.value === input.time))
      throw new ConversationError(
        'invalid_input',
        `Choose how much time you have from the list: ${timeChoices()
          .map((t) => t.title)
          .join('; ')}.`,
      );
    filters.timeBand = input.time as TimeBand;
  }
  return filters;
}

/**
 * Up to four suggestions for the person from the one ranking (suggest-courses.ts): the behaviour asked
 * for, else their lowest recent self-ratings, then their focus behaviours; only what they can join in
 * their nation or region; the filters and their time honoured (else the closest, said so); each with why.
 */
export async function suggestCoursesFor(
  deps: ConversationDeps,
  userId: string,
  filters: CourseFilters,
  /** The word the person typed for the behaviour ("courses compassion"), named in the heading. */
  askedAs?: string,
): Promise<Reply> {
  const user = await requireUser(deps, userId);
  const role = filters.role ?? user.prefs.role;
  const eightWeeksAgo = new Date(deps.now().getTime() - 56 * 86_400_000);
  const lowRated = filters.behaviour
    ? []
    : lowestRated(await deps.engine.readRecentRatings(deps.store, userId, eightWeeksAgo));
  // Courses and, always, the other ways to grow; a themed list holds only entries on its theme.
  const { courses, ways, note } = courseListFor(deps.content, {
    role,
    place: user.prefs.place,
    profession: role === user.prefs.role ? user.prefs.profession : undefined,
    time: user.prefs.learningTime,
    behaviour: filters.behaviour,
    focus: user.prefs.focus as BehaviourId[],
    lowRated,
    format: filters.format,
    timeBand: filters.timeBand,
    limit: 4, // courses first, with room kept for up to 2 other ways to grow: fits a phone screen
  });
  const items = withTrackedLinks(
    [...courses.map((s) => courseItem(s.course, s.why)), ...ways.map((w) => courseItem(w.course, w.why))],
    courseLinks(
      deps,
      user.tenantId,
      user.userId,
      (await countingGroupsOf(deps.store, user.tenantId, user.userId))[0]?.practiceId,
    ),
  );
  const behaviour = filters.behaviour ? deps.content.behaviours.find((b) => b.id === filters.behaviour) : undefined;
  return {
    summary: 'Course suggestions',
    card: deps.renderCard('courses', {
      behaviour: filters.behaviour ?? 'any',
      role,
      format: filters.format ?? 'any',
      time: filters.timeBand ?? 'any',
      behaviourChoices: [{ title: 'Any', value: 'any' }, ...behaviourChoices(deps.content)],
      roleChoices: roleChoices(deps.content),
      formatChoices: formatChoices(),
      timeChoices: timeChoices(),
      results: items,
      note,
      heading: behaviour ? `Ways to grow: ${behaviourHeading(behaviour.title, askedAs)}` : 'Suggested for you',
    }),
  };
}

/**
 * The behaviour's name, with the word the person asked for when the name does not contain it:
 * "courses compassion" is headed "Notice and help each other (compassion)", so the answer plainly
 * matches the question. The word is shown literally (escaped), and only a short one.
 */
function behaviourHeading(title: string, askedAs: string | undefined): string {
  const word = askedAs?.trim().slice(0, 40) ?? '';
  if (word === '' || title.toLowerCase().includes(word.toLowerCase())) return title;
  return `${title} (${escapeCardText(word)})`;
}

/** Behaviours the person rated themselves lowest on lately (averages under 3.5), lowest first. */
function lowestRated(ratings: Map<string, number>): BehaviourId[] {
  return [...ratings]
    .filter(([, avg]) => avg < 3.5)
    .sort((x, y) => x[1] - y[1])
    .map(([b]) => b as BehaviourId);
}

/** Every behaviour by the name people see, e.g. 'Know how care works here; Notice and help each other; ...'. */
export const behaviourNames = (deps: Pick<ConversationDeps, 'content'>): string =>
  deps.content.behaviours.map((b) => b.title).join('; ');

/** A word from a behaviour's name that `courses <word>` finds, for examples in messages. */
function exampleBehaviourWord(deps: Pick<ConversationDeps, 'content'>): string {
  const words = deps.content.behaviours.flatMap((b) =>
    b.title
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length >= 5 && findBehaviour(deps.content, w)?.id === b.id),
  );
  return words.sort((x, y) => y.length - x.length)[0] ?? 'compassion';
}

/** The `courses [behaviour]` command: the word after it is matched loosely ('compassion', 'patient'). */
export async function coursesCommand(deps: ConversationDeps, userId: string, args: string): Promise<Reply> {
  if (!args) return suggestCoursesFor(deps, userId, {});
  const behaviour = findBehaviour(deps.content, args);
  if (!behaviour) {
    throw new ConversationError(
      'invalid_input',
      `I do not know a behaviour called "${args.slice(0, 40)}". The behaviours are: ${behaviourNames(deps)}.`,
      [],
      `Type "courses" and a word from one of those names, e.g. "courses ${exampleBehaviourWord(deps)}", or just "courses".`,
    );
  }
  return suggestCoursesFor(deps, userId, { behaviour: behaviour.id }, args);
}
