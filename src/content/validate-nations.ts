import { foreignTerms, NATION_TITLES, onlyInWords, type NationTerm } from './nation-terms';
import { nudgeTextFor, nextStepIn } from './nation-text';
import { placeInfo, type Nation } from './places';
import { attributionIn } from './shown-why';
import type { Course, Nudge, Signposting, TeamNudge, WayInfo } from './types';

/**
 * Checks that what each nation is shown is true there: no scheme, body or law of another nation
 * (nation-terms.json) in text shown to it, and the "why" sentence a card shows is a reason, not a
 * framework label. One message per entry, field and term, naming the nations it would mislead.
 */

const ALL_NATIONS: readonly Nation[] = ['england', 'wales', 'scotland', 'northern-ireland'];

const firstSentence = (text: string): string => /^(.+?[.!?])(\s|$)/.exec(text.trim())?.[1] ?? text.trim();

const listNations = (nations: readonly Nation[]): string => {
  const names = nations.map((n) => NATION_TITLES[n]);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');
};

/** Collects (field, term) -> nations, so one defect shown to three nations is one message. */
class Findings {
  private readonly found = new Map<string, { field: string; term: NationTerm; nations: Nation[]; first: boolean }>();
  add(field: string, term: NationTerm, nation: Nation, first = false): void {
    const key = `${field}|${term.term}|${first}`;
    const f = this.found.get(key) ?? { field, term, nations: [], first };
    if (!f.nations.includes(nation)) f.nations.push(nation);
    this.found.set(key, f);
  }
  report(where: string, fix: (nation: Nation) => string, p: string[]): void {
    for (const f of this.found.values()) {
      if (!f.first && this.found.has(`${f.field}|${f.term.term}|true`)) continue;
      const shown = f.first ? 'shown first' : 'shown';
      p.push(
        `${where} field "${f.field}": names "${f.term.term}", which ${onlyInWords(f.term)}, in text ${shown} in ${listNations(f.nations)}; ${fix(f.nations[0]!)}`,
      );
    }
  }
}

const NUDGE_FIELDS = ['title', 'why', 'reflection', 'action'] as const;

/** A personal nudge: each nation's text (its own, or the nudge's) and the shown "why" sentence. */
export function checkNudgeForNations(file: string, nudge: Nudge, terms: readonly NationTerm[], p: string[]): void {
  const where = `${file}: nudge "${nudge.id}"`;
  const whys = new Set([nudge.why, ...Object.values(nudge.inNations ?? {}).map((t) => t.why ?? nudge.why)]);
  for (const why of whys) {
    const label = attributionIn(firstSentence(why));
    if (label) {
      p.push(
        `${where} field "why": the sentence the card shows is a framework label ("${label}"), not a reason; say what the habit changes in a practice this week and leave the framework to the source line`,
      );
    }
  }
  const findings = new Findings();
  for (const nation of ALL_NATIONS) {
    const shown = nudgeTextFor(nudge, nation);
    for (const field of NUDGE_FIELDS) {
      const own = nudge.inNations?.[nation]?.[field] !== undefined;
      const name = own ? `inNations.${nation}.${field}` : field;
      for (const t of foreignTerms(shown[field], nation, terms)) findings.add(name, t, nation);
      // The first sentence is the reason the card shows: another nation's scheme there is refused even when
      // qualified ("In England ..."), unless the sentence also says how it is in the reader's own nation.
      if (field === 'why' && !firstSentence(shown.why).includes(NATION_TITLES[nation])) {
        const strict = terms.map((t) => ({ ...t, qualifiers: [] }));
        for (const t of foreignTerms(firstSentence(shown.why), nation, strict)) findings.add(name, t, nation, true);
      }
    }
  }
  findings.report(where, (n) => `give ${NATION_TITLES[n]} its own text in "inNations.${n}"`, p);
}

/** The nations a catalogue entry is open in ('uk' is all four; a region is England). */
const nationsOf = (places: readonly string[]): Nation[] =>
  places.includes('uk') ? [...ALL_NATIONS] : ALL_NATIONS.filter((n) => places.some((pl) => placeInfo(pl).nation === n));

const SKIP_COURSE_FIELDS = new Set(['id', 'url', 'nextStep', 'checked', 'status', 'format', 'timeBand']);

/** A catalogue entry: its text as shown in every nation where it is open, with that nation's next step. */
export function checkCourseForNations(file: string, c: Course, terms: readonly NationTerm[], p: string[]): void {
  const findings = new Findings();
  for (const nation of nationsOf(c.places)) {
    for (const [field, value] of Object.entries(c)) {
      if (SKIP_COURSE_FIELDS.has(field) || typeof value !== 'string') continue;
      for (const t of foreignTerms(value, nation, terms)) findings.add(field, t, nation);
    }
    const step = nextStepIn(c, nation);
    const stepField = c.nextStepIn?.[nation] !== undefined ? `nextStepIn.${nation}` : 'nextStep';
    for (const t of foreignTerms(step, nation, terms)) findings.add(stepField, t, nation);
  }
  findings.report(
    `${file}: course "${c.id}"`,
    (n) => `give ${NATION_TITLES[n]} its own "nextStepIn.${n}" or reword it`,
    p,
  );
}

/** A way's generic next step, shown in every nation. */
export function checkWayForNations(file: string, w: WayInfo, terms: readonly NationTerm[], p: string[]): void {
  const findings = new Findings();
  for (const nation of ALL_NATIONS) {
    const field = w.nextStepIn?.[nation] !== undefined ? `nextStepIn.${nation}` : 'nextStep';
    for (const t of foreignTerms(nextStepIn(w, nation), nation, terms)) findings.add(field, t, nation);
    for (const t of foreignTerms(w.summary, nation, terms)) findings.add('summary', t, nation);
  }
  findings.report(`${file}: way "${w.id}"`, (n) => `give ${NATION_TITLES[n]} its own "nextStepIn.${n}"`, p);
}

/** Each nation's signposting line, read by people in that nation. */
export function checkSignpostingForNations(file: string, s: Signposting, terms: readonly NationTerm[], p: string[]) {
  const findings = new Findings();
  for (const nation of ALL_NATIONS) {
    for (const t of foreignTerms(s[nation], nation, terms)) findings.add(nation, t, nation);
  }
  findings.report(`${file}: topic "${s.topic}"`, () => 'name this nation’s own route', p);
}

/** A team nudge goes to a channel whose nation the bot does not know: its text must hold in all four. */
export function checkTeamNudgeForNations(file: string, n: TeamNudge, terms: readonly NationTerm[], p: string[]) {
  const findings = new Findings();
  for (const nation of ALL_NATIONS) {
    for (const field of ['title', 'why', 'discussion'] as const) {
      for (const t of foreignTerms(n[field], nation, terms)) findings.add(field, t, nation);
    }
    const label = attributionIn(firstSentence(n.why));
    if (label && nation === 'england') {
      p.push(
        `${file}: team nudge "${n.id}" field "why": the sentence the card shows is a framework label ("${label}"), not a reason; say what the habit changes in a practice this week`,
      );
    }
  }
  findings.report(`${file}: team nudge "${n.id}"`, () => 'word it so it holds in all four nations', p);
}
