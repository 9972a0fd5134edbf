import type { PortfolioKind } from '../domain';
import { templateFor } from './templates';
import type { EntryFacts } from './types';

/** A draft of one entry: text per section id and the choice's values, ready for the person to edit. */
export interface EntryDraft {
  sections: Record<string, string>;
  choice: string[];
}

/** The NMC Code theme each leadership behaviour most often speaks to (the person changes it freely). */
const CODE_THEMES_BY_BEHAVIOUR: Readonly<Record<string, string[]>> = {
  'patient-centre': ['prioritise-people'],
  compassion: ['prioritise-people', 'promote-professionalism'],
  equality: ['prioritise-people', 'promote-professionalism'],
  values: ['promote-professionalism'],
  followership: ['practise-effectively', 'promote-professionalism'],
  vision: ['practise-effectively'],
  context: ['practise-effectively', 'preserve-safety'],
};

const joinLines = (...lines: (string | false | undefined)[]) => lines.filter((l): l is string => !!l).join('\n\n');

const quoted = (s: string) => `\u201C${s}\u201D`;

/** What the person did, in their own reflection first, then the nudge it answered. */
function whatHappened(f: EntryFacts): string {
  return joinLines(
    f.reflectionText,
    `(From a weekly leadership nudge on ${quoted(f.behaviourTitle)}: ${f.nudgeTitle}.${f.action ? ` Suggested action: ${f.action}` : ''})`,
  );
}

/** What the person's answers say: the poll answer, the self-rating trend, courses logged. */
function whatTheAnswersSay(f: EntryFacts): string {
  return joinLines(
    f.pollQuestion && f.pollAnswer && `Asked ${quoted(f.pollQuestion)}, I answered ${quoted(f.pollAnswer)}.`,
    f.ratingTrend && `My self-rating for ${quoted(f.behaviourTitle)}: ${f.ratingTrend}.`,
    f.courses.length > 0 && `Learning I logged on this: ${f.courses.join('; ')}.`,
  );
}

const whatNext = (f: EntryFacts) => (f.action ? `I set out to try this: ${f.action}` : '');

/**
 * The first draft of an entry of `kind` from what the person did with one nudge. Only their own
 * words and facts go in; where the bot knows nothing the section is left empty for them to write.
 */
export function draftEntry(kind: PortfolioKind, f: EntryFacts): EntryDraft {
  const answers = whatTheAnswersSay(f);
  switch (kind) {
    case 'nmc':
      return {
        sections: { nature: whatHappened(f), learnt: answers, changed: whatNext(f), code: '' },
        choice: CODE_THEMES_BY_BEHAVIOUR[f.behaviourId] ?? [],
      };
    case 'gp-appraisal':
      return { sections: { what: whatHappened(f), meaning: answers, next: whatNext(f) }, choice: [] };
    case 'gphc':
      return {
        sections: {
          learnt: whatHappened(f),
          how: joinLines(`A weekly leadership nudge and reflecting on it at work.`, answers),
          benefit: '',
        },
        choice: ['unplanned'],
      };
    case 'hcpc':
      return {
        sections: { activity: whatHappened(f), quality: joinLines(answers, whatNext(f)), 'service-users': '' },
        choice: ['work-based'],
      };
    case 'appraisal':
      return { sections: { did: whatHappened(f), learnt: answers, next: whatNext(f) }, choice: [] };
  }
}

/** The section ids of a kind, in order (what the edit card and the document both follow). */
export const sectionIdsOf = (kind: PortfolioKind): string[] => templateFor(kind).sections.map((s) => s.id);
