import { z } from 'zod';
import type { Nation } from './places';

/**
 * Schemes, bodies and laws that exist only in some nations (nation-terms.json), e.g. the NHS People
 * Promise (England) or the Equality Act 2010 (Great Britain). Text shown to a person in another nation
 * must not name them, unless the same sentence says whose they are ("in England", "in Great Britain").
 */
export interface NationTerm {
  term: string;
  nations: Nation[];
  /** Words that, in the same sentence, make plain whose the term is: 'England', 'Great Britain'. */
  qualifiers: string[];
}

const NATIONS = ['england', 'wales', 'scotland', 'northern-ireland'] as const;

export const nationTermSchema = z.strictObject({
  term: z.string().trim().min(2),
  nations: z.array(z.enum(NATIONS)).min(1).max(3, 'lists all four nations; it is not nation-specific'),
  qualifiers: z.array(z.string().trim().min(2)).min(1),
});

export const NATION_TITLES: Readonly<Record<Nation, string>> = {
  england: 'England',
  wales: 'Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

const sentencesOf = (text: string): string[] => text.split(/(?<=[.!?])\s+/);

/**
 * The terms `text` names that do not apply in `nation`, ignoring a mention whose sentence says whose it is
 * ("ICBs in England, health boards in Wales...").
 */
export function foreignTerms(text: string, nation: Nation, terms: readonly NationTerm[]): NationTerm[] {
  return terms.filter(
    (t) =>
      !t.nations.includes(nation) &&
      sentencesOf(text).some(
        (s) =>
          s.toLowerCase().includes(t.term.toLowerCase()) &&
          !t.qualifiers.some((q) => s.toLowerCase().includes(q.toLowerCase())),
      ),
  );
}

/** "applies only in England", "applies only in England, Wales and Scotland". */
export function onlyInWords(t: NationTerm): string {
  const names = t.nations.map((n) => NATION_TITLES[n]);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
  return `applies only in ${list}`;
}
