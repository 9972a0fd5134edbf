import { ROLES } from '../domain';
import { BEHAVIOUR_IDS } from './types';

/** Every behaviour needs at least this many nudges, so a weekly person does not see repeats within two months. */
export const MIN_NUDGES_PER_BEHAVIOUR = 8;
/** ...and at least this many that suit each role, so every role gets a real rotation. */
export const MIN_NUDGES_PER_BEHAVIOUR_AND_ROLE = 4;

interface CountableNudge {
  behaviour?: unknown;
  roles?: unknown;
}

/**
 * Checks the coverage rule on nudges as written (even ones with other problems, so one typo does not
 * also report a coverage hole). `fileFor` names the file that should hold a behaviour's nudges.
 */
export function checkCoverage(nudges: readonly CountableNudge[], fileFor: (behaviour: string) => string): string[] {
  const problems: string[] = [];
  for (const behaviour of BEHAVIOUR_IDS) {
    const mine = nudges.filter((n) => n.behaviour === behaviour);
    const file = fileFor(behaviour);
    if (mine.length < MIN_NUDGES_PER_BEHAVIOUR) {
      problems.push(
        `${file}: behaviour "${behaviour}" field "nudges": coverage hole: has ${mine.length} nudges, needs at least ${MIN_NUDGES_PER_BEHAVIOUR}`,
      );
    }
    for (const role of ROLES) {
      const count = mine.filter((n) => Array.isArray(n.roles) && n.roles.includes(role)).length;
      if (count < MIN_NUDGES_PER_BEHAVIOUR_AND_ROLE) {
        problems.push(
          `${file}: behaviour "${behaviour}" field "roles": coverage hole: ${count} nudges suit role "${role}", needs at least ${MIN_NUDGES_PER_BEHAVIOUR_AND_ROLE}`,
        );
      }
    }
  }
  return problems;
}
