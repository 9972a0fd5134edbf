import { ROLES } from '../domain';
import { checkCoverage } from './coverage';
import { COURSE_PLACE_IDS } from './places';
import { parseEntries, type ContentFile } from './parse-entries';
import { behaviourSchema, courseSchema, nudgeSchema, roleSchema, signpostingSchema, waySchema } from './schema';
import { checkTeamNudges } from './validate-team-nudges';
import { nationTermSchema, type NationTerm } from './nation-terms';
import { runsHighToLow } from './poll-scale';
import { PROFESSION_IDS } from './professions';
import {
  checkCourseForNations,
  checkNudgeForNations,
  checkSignpostingForNations,
  checkTeamNudgeForNations,
  checkWayForNations,
} from './validate-nations';
import {
  BEHAVIOUR_IDS,
  DEVELOPMENT_WAYS,
  NON_COURSE_WAYS,
  type Content,
  type Course,
  type DevelopmentWay,
  type Nudge,
  type Poll,
  type Signposting,
  type WayInfo,
} from './types';

/** The data files of one content folder, already JSON-parsed. */
export interface ContentFiles {
  behaviours: ContentFile;
  roles: ContentFile;
  ways: ContentFile;
  courses: ContentFile;
  /** One file per behaviour, e.g. 'nudges/compassion.json'. */
  nudges: ContentFile[];
  /** team-nudges.json, when the folder has one. */
  teamNudges?: ContentFile;
  /** signposting.json, when the folder has one (required when a nudge names a signpost topic). */
  signposting?: ContentFile;
  /** nation-terms.json: schemes, bodies and laws that exist only in some nations (none checked when absent). */
  nationTerms?: ContentFile;
}

/** Ways for which a catalogue entry must say what to do next. */
export const NEXT_STEP_WAYS: readonly DevelopmentWay[] = [
  'mentoring',
  'coaching',
  'networking',
  'action-learning',
  'quality-improvement',
];

/** A nudge reads in about two minutes: 80 to 120 words across its title, why, reflection, action and poll. */
export const MIN_NUDGE_WORDS = 80;
export const MAX_NUDGE_WORDS = 120;

const nudgeWords = (n: {
  title: string;
  why: string;
  reflection: string;
  action: string;
  poll: { question: string; options: { label: string }[] };
}): number =>
  [n.title, n.why, n.reflection, n.action, n.poll.question, ...n.poll.options.map((o) => o.label)]
    .join(' ')
    .split(/\s+/)
    .filter(Boolean).length;

/**
 * Abbreviations a nudge may use only with their meaning in the same nudge (the review found QOF, PCN, ICB,
 * PDSA and advice and guidance unexplained). Each maps to the words that must also appear.
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  QOF: 'Quality and Outcomes Framework',
  QAIF: 'Quality Assurance and Improvement Framework',
  PCN: 'primary care network',
  ICB: 'integrated care board',
  PDSA: 'plan, do, study, act',
  CQC: 'Care Quality Commission',
  HCA: 'healthcare assistant',
  ARRS: 'Additional Roles Reimbursement Scheme',
  LMC: 'local medical committee',
  FTSU: 'Freedom to Speak Up',
  'A&G': 'advice and guidance',
  SPPG: 'Strategic Planning and Performance Group',
  RQIA: 'Regulation and Quality Improvement Authority',
  HIW: 'Healthcare Inspectorate Wales',
  INWO: 'Independent National Whistleblowing Officer',
};

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Abbreviations used in a text (a nudge, a team nudge, a course, a signposting line) without their meaning. */
export function unexplainedAbbreviations(text: string): string[] {
  return Object.entries(ABBREVIATIONS)
    .filter(
      ([abbr, meaning]) =>
        new RegExp(`(^|[^A-Za-z])${escapeRegExp(abbr)}s?\\b`).test(text) &&
        !text.toLowerCase().includes(meaning.toLowerCase()),
    )
    .map(([abbr]) => abbr);
}

/** One problem at `where` (file, entry and field) when `text` uses an abbreviation without its meaning. */
function checkAbbreviations(text: string, where: string, fix: string, p: Problems): void {
  const unexplained = unexplainedAbbreviations(text);
  if (unexplained.length === 0) return;
  const what = unexplained.length > 1 ? 'they mean' : 'it means';
  p.push(`${where}: uses ${unexplained.join(', ')} without saying what ${what}; ${fix}`);
}

/** The file a behaviour's nudges live in, relative to the content folder. */
export const nudgeFileFor = (behaviour: string): string => `nudges/${behaviour}.json`;

type Problems = string[];

function checkIdSet(
  file: string,
  kind: string,
  found: readonly { id: string }[],
  expected: readonly string[],
  p: Problems,
) {
  for (const entry of found) {
    if (!expected.includes(entry.id)) {
      p.push(`${file}: ${kind} "${entry.id}" field "id": unknown id; expected one of ${expected.join(', ')}`);
    }
  }
  for (const id of expected) {
    if (!found.some((e) => e.id === id))
      p.push(`${file}: ${kind} "${id}" field "id": missing; every ${kind} needs an entry`);
  }
}

function checkUnique(
  items: readonly { file: string; kind: string; owner: string; id: string }[],
  field: string,
  p: Problems,
) {
  const seen = new Map<string, string>();
  for (const item of items) {
    const first = seen.get(item.id);
    if (first !== undefined) {
      p.push(
        `${item.file}: ${item.kind} "${item.owner}" field "${field}": duplicate id "${item.id}" (first in ${first})`,
      );
    } else {
      seen.set(item.id, item.file);
    }
  }
}

function checkRefs(
  file: string,
  entry: string,
  field: string,
  values: readonly string[],
  known: readonly string[],
  from: string,
  p: Problems,
) {
  values.forEach((v, i) => {
    if (!known.includes(v))
      p.push(`${file}: ${entry} field "${field}[${i}]": unknown ${from} "${v}"; expected one of ${known.join(', ')}`);
  });
}

/**
 * A poll's wording rules: it asks about the past week, not "this week" (the weekly card often arrives
 * on a Monday morning, when "this week" has not happened yet); options run low to high, then "Not sure".
 */
export function checkScale(where: string, poll: Poll, p: Problems): void {
  if (/\bthis week\b/i.test(poll.question)) {
    p.push(
      `${where} field "poll.question": asks about "this week", but the card may arrive at the start of the week; ask about "the past week"`,
    );
  }
  if (runsHighToLow(poll.options.map((o) => o.label))) {
    p.push(
      `${where} field "poll.options": runs from high to low (${poll.options.map((o) => o.label).join(', ')}); every scale runs low to high`,
    );
  }
}

function checkNudges(
  files: readonly ContentFile[],
  behaviourIds: string[],
  roleIds: string[],
  corePolls: ReadonlyMap<string, Poll>,
  terms: readonly NationTerm[],
  p: Problems,
): Nudge[] {
  const nudges: { file: string; nudge: Nudge }[] = [];
  for (const source of files) {
    const { entries, problems } = parseEntries(source, 'nudge', nudgeSchema);
    p.push(...problems);
    const fileBehaviour = /^nudges\/(.+)\.json$/.exec(source.file)?.[1];
    for (const parsed of entries) {
      const poll = corePolls.get(parsed.behaviour) ?? { id: `${parsed.behaviour}-core`, question: '', options: [] };
      const n: Nudge = { ...(parsed as Omit<Nudge, 'poll'>), poll };
      const entry = `nudge "${n.id}"`;
      if (!behaviourIds.includes(n.behaviour)) {
        p.push(
          `${source.file}: ${entry} field "behaviour": unknown behaviour "${n.behaviour}"; expected one of ${behaviourIds.join(', ')}`,
        );
      } else if (fileBehaviour !== undefined && n.behaviour !== fileBehaviour) {
        p.push(
          `${source.file}: ${entry} field "behaviour": is "${n.behaviour}" but this file holds "${fileBehaviour}" nudges`,
        );
      } else if (!n.id.startsWith(`${n.behaviour}-`)) {
        p.push(`${source.file}: ${entry} field "id": must start with its behaviour, e.g. "${n.behaviour}-01"`);
      }
      checkRefs(source.file, entry, 'roles', n.roles, roleIds, 'role', p);
      checkRefs(source.file, entry, 'ways', n.ways, DEVELOPMENT_WAYS, 'development way', p);
      if (!n.ways.some((w) => NON_COURSE_WAYS.includes(w as DevelopmentWay))) {
        p.push(
          `${source.file}: ${entry} field "ways": needs a way that is not a course (${NON_COURSE_WAYS.join(', ')}); the card always offers one`,
        );
      }
      // Each nation's text is a card of its own: the same length and plain-words rules apply to it.
      const texts = [n, ...Object.values(n.inNations ?? {}).map((t) => ({ ...n, ...t }))];
      const counts = [...new Set(texts.map(nudgeWords))];
      const words = counts.find((w) => w < MIN_NUDGE_WORDS || w > MAX_NUDGE_WORDS);
      if (words !== undefined) {
        p.push(
          `${source.file}: ${entry} field "title+why+reflection+action+poll": has ${words} words; keep a nudge to ${MIN_NUDGE_WORDS}-${MAX_NUDGE_WORDS} (about two minutes)`,
        );
      }
      checkAbbreviations(
        texts
          .map((t) => [t.title, t.why, t.reflection, t.action, n.poll.question, ...n.poll.options.map((o) => o.label)])
          .map((parts) => parts.join(' '))
          .find((t) => unexplainedAbbreviations(t).length > 0) ?? '',
        `${source.file}: ${entry} field "why"`,
        'spell it out in the same nudge',
        p,
      );
      checkNudgeForNations(source.file, n, terms, p);
      nudges.push({ file: source.file, nudge: n });
    }
  }
  checkUnique(
    nudges.map(({ file, nudge }) => ({ file, kind: 'nudge', owner: nudge.id, id: nudge.id })),
    'id',
    p,
  );
  const raw = files.flatMap((f) =>
    Array.isArray(f.data) ? (f.data as { behaviour?: unknown; roles?: unknown }[]) : [],
  );
  p.push(...checkCoverage(raw, nudgeFileFor));
  return nudges.map((n) => n.nudge);
}

function checkCourses(
  source: ContentFile,
  behaviourIds: string[],
  roleIds: string[],
  terms: readonly NationTerm[],
  p: Problems,
): Course[] {
  const { entries, problems } = parseEntries(source, 'course', courseSchema);
  p.push(...problems);
  for (const c of entries) {
    const entry = `course "${c.id}"`;
    checkRefs(source.file, entry, 'behaviours', c.behaviours, behaviourIds, 'behaviour', p);
    checkRefs(source.file, entry, 'roles', c.roles, roleIds, 'role', p);
    checkRefs(source.file, entry, 'ways', c.ways, DEVELOPMENT_WAYS, 'development way', p);
    checkRefs(source.file, entry, 'places', c.places, COURSE_PLACE_IDS, 'place', p);
    if (c.professions) {
      checkRefs(source.file, entry, 'professions', c.professions, PROFESSION_IDS, 'profession', p);
      if (c.roles.length !== 1 || c.roles[0] !== 'clinician') {
        p.push(
          `${source.file}: ${entry} field "professions": names professions, so its roles must be "clinician" only (professions are inside "Nurse or other clinician")`,
        );
      }
    }
    if (c.madeFor) checkRefs(source.file, entry, 'madeFor', c.madeFor, roleIds, 'role', p);
    if (
      c.free === true &&
      (!/^(free|no fee)/i.test(c.cost) || /\b(some|students|otherwise|not stated|only)\b/i.test(c.cost))
    ) {
      p.push(
        `${source.file}: ${entry} field "free": is true but the cost reads "${c.cost}"; say "free" only when it is free for everyone it is open to`,
      );
    }
    checkCourseForNations(source.file, c as Course, terms, p);
    if (c.status !== 'current' && !c.statusNote) {
      p.push(`${source.file}: ${entry} field "statusNote": is missing; a "${c.status}" entry must say why`);
    }
    const way = NEXT_STEP_WAYS.find((w) => c.ways.includes(w));
    if (way && !c.nextStep && c.status !== 'closed' && c.status !== 'historic') {
      p.push(
        `${source.file}: ${entry} field "nextStep": is missing; an entry offering ${way} needs a concrete next step`,
      );
    }
    // Everything a course card can show (its title, provider, description, eligibility, next step...).
    const shown = Object.entries(c)
      .filter(([field, value]) => typeof value === 'string' && field !== 'id' && field !== 'url')
      .map(([, value]) => value as string)
      .join(' ');
    checkAbbreviations(
      shown,
      `${source.file}: ${entry} field "description"`,
      "spell it out once in the course's text",
      p,
    );
  }
  checkUnique(
    entries.map((c) => ({ file: source.file, kind: 'course', owner: c.id, id: c.id })),
    'id',
    p,
  );
  return entries as Course[];
}

/** Parses signposting.json and checks every topic a nudge names has an entry. */
function checkSignposting(
  source: ContentFile | undefined,
  nudges: readonly Nudge[],
  terms: readonly NationTerm[],
  p: Problems,
): Signposting[] | undefined {
  const parsed = source ? parseEntries(source, 'signposting', signpostingSchema) : undefined;
  if (parsed) p.push(...parsed.problems);
  const entries = (parsed?.entries ?? []) as Signposting[];
  for (const e of entries) checkSignpostingForNations('signposting.json', e, terms, p);
  // The signposting line is shown on the card under the nudge: the same plain-words rule applies.
  for (const e of entries) {
    for (const [field, text] of Object.entries(e)) {
      if (field === 'topic' || typeof text !== 'string') continue;
      checkAbbreviations(
        text,
        `signposting.json: topic "${e.topic}" field "${field}"`,
        'spell it out in the same text',
        p,
      );
    }
  }
  for (const n of nudges) {
    if (n.signpost && !entries.some((e) => e.topic === n.signpost)) {
      p.push(
        `${nudgeFileFor(n.behaviour)}: nudge "${n.id}" field "signpost": no "${n.signpost}" entry in signposting.json, so the card would have no signposting`,
      );
    }
  }
  return parsed ? entries : undefined;
}

/**
 * Validates all content files together: schema, unique ids, resolvable references, the coverage rule,
 * https URLs and card-sized text. Returns every problem found (empty when valid) and, when valid, the Content.
 */
export function validateContent(files: ContentFiles): { content?: Content; problems: string[] } {
  const p: Problems = [];
  const behaviours = parseEntries(files.behaviours, 'behaviour', behaviourSchema);
  const roles = parseEntries(files.roles, 'role', roleSchema);
  const ways = parseEntries(files.ways, 'way', waySchema);
  p.push(...behaviours.problems, ...roles.problems, ...ways.problems);
  checkIdSet(files.behaviours.file, 'behaviour', behaviours.entries, BEHAVIOUR_IDS, p);
  checkIdSet(files.roles.file, 'role', roles.entries, ROLES, p);
  checkIdSet(files.ways.file, 'way', ways.entries, DEVELOPMENT_WAYS, p);
  // Resolve against the ids the code knows, so a typo in behaviours.json does not cascade into every nudge.
  const behaviourIds = [...BEHAVIOUR_IDS];
  const roleIds = [...ROLES];
  const termsParsed = files.nationTerms
    ? parseEntries(files.nationTerms, 'nation term', nationTermSchema)
    : { entries: [], problems: [] };
  p.push(...termsParsed.problems);
  const terms = termsParsed.entries as NationTerm[];
  const corePolls = new Map(behaviours.entries.map((b) => [b.id, b.poll as Poll]));
  for (const b of behaviours.entries) checkScale(`${files.behaviours.file}: behaviour "${b.id}"`, b.poll, p);
  checkUnique(
    behaviours.entries.map((b) => ({ file: files.behaviours.file, kind: 'behaviour', owner: b.id, id: b.poll.id })),
    'poll.id',
    p,
  );
  for (const w of ways.entries) checkWayForNations(files.ways.file, w as WayInfo, terms, p);
  const nudges = checkNudges(files.nudges, behaviourIds, roleIds, corePolls, terms, p);
  const courses = checkCourses(files.courses, behaviourIds, roleIds, terms, p);
  const teamNudges = files.teamNudges
    ? checkTeamNudges(files.teamNudges, behaviourIds, [...behaviours.entries, ...nudges], p)
    : undefined;
  for (const n of teamNudges ?? []) {
    checkAbbreviations(
      [n.title, n.why, n.discussion, n.poll.question, ...n.poll.options.map((o) => o.label)].join(' '),
      `team-nudges.json: team nudge "${n.id}" field "why"`,
      'spell it out in the same nudge',
      p,
    );
    checkTeamNudgeForNations('team-nudges.json', n, terms, p);
    checkScale(`team-nudges.json: team nudge "${n.id}"`, n.poll, p);
  }
  const signposting = checkSignposting(files.signposting, nudges, terms, p);
  if (p.length > 0) return { problems: p };
  const content: Content = {
    behaviours: BEHAVIOUR_IDS.map((id) => behaviours.entries.find((b) => b.id === id)!) as Content['behaviours'],
    roles: ROLES.map((id) => roles.entries.find((r) => r.id === id)!) as Content['roles'],
    nudges,
    courses,
    ways: DEVELOPMENT_WAYS.map((id) => ways.entries.find((w) => w.id === id)!) as Content['ways'],
  };
  if (teamNudges) content.teamNudges = teamNudges;
  if (signposting) content.signposting = signposting;
  return { content, problems: [] };
}
