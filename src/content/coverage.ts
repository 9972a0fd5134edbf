import { ROLES, type Role } from '../domain';
import { BEHAVIOUR_IDS } from './types';

/** Every behaviour needs at least this many nudges, so a weekly person does not see repeats within two months. */
export const MIN_NUDGES_PER_BEHAVIOUR = 8;
/** ...at least this many written for everyone... */
export const MIN_NUDGES_FOR_EVERYONE = 4;
/** ...and at least this many written only for each role, about that role's real working day. */
export const MIN_NUDGES_ONLY_FOR_ROLE = 2;
/**
 * Roles that need nudges written only for them: all five. 'other' (social prescribing link workers, care
 * coordinators, health and wellbeing coaches and the like) was once exempt and got only the everyone set.
 */
export const ROLES_WITH_OWN_NUDGES: readonly Role[] = ROLES;

interface CountableNudge {
  id?: unknown;
  behaviour?: unknown;
  roles?: unknown;
}

const rolesOf = (n: CountableNudge): string[] =>
  Array.isArray(n.roles) ? n.roles.filter((r): r is string => typeof r === 'string') : [];

/** True when a nudge is written for everyone: it lists every role. */
export const isForEveryone = (roles: readonly string[]): boolean => ROLES.every((r) => roles.includes(r));

/**
 * Checks the routing and coverage rules on nudges as written (even ones with other problems, so one typo
 * does not also report a coverage hole). A nudge is either for everyone (all five roles) or written for
 * one role only, so a practice manager's nudge never reaches reception or "other". Each behaviour needs
 * {@link MIN_NUDGES_FOR_EVERYONE} everyone nudges and {@link MIN_NUDGES_ONLY_FOR_ROLE} per role, "other" included.
 * `fileFor` names the file that should hold a behaviour's nudges.
 */
export function checkCoverage(nudges: readonly CountableNudge[], fileFor: (behaviour: string) => string): string[] {
  const problems: string[] = [];
  for (const n of nudges) {
    const roles = rolesOf(n);
    if (roles.length > 1 && !isForEveryone(roles) && typeof n.behaviour === 'string') {
      problems.push(
        `${fileFor(n.behaviour)}: nudge "${String(n.id)}" field "roles": mixes roles (${roles.join(', ')}); a nudge is for everyone (all five roles) or written for one role only`,
      );
    }
  }
  for (const behaviour of BEHAVIOUR_IDS) {
    const mine = nudges.filter((n) => n.behaviour === behaviour);
    const file = fileFor(behaviour);
    if (mine.length < MIN_NUDGES_PER_BEHAVIOUR) {
      problems.push(
        `${file}: behaviour "${behaviour}" field "nudges": coverage hole: has ${mine.length} nudges, needs at least ${MIN_NUDGES_PER_BEHAVIOUR}`,
      );
    }
    const everyone = mine.filter((n) => isForEveryone(rolesOf(n))).length;
    if (everyone < MIN_NUDGES_FOR_EVERYONE) {
      problems.push(
        `${file}: behaviour "${behaviour}" field "roles": coverage hole: ${everyone} nudges suit everyone, needs at least ${MIN_NUDGES_FOR_EVERYONE}`,
      );
    }
    for (const role of ROLES_WITH_OWN_NUDGES) {
      const only = mine.filter((n) => {
        const roles = rolesOf(n);
        return roles.length === 1 && roles[0] === role;
      }).length;
      if (only < MIN_NUDGES_ONLY_FOR_ROLE) {
        problems.push(
          `${file}: behaviour "${behaviour}" field "roles": coverage hole: ${only} nudges written only for role "${role}", needs at least ${MIN_NUDGES_ONLY_FOR_ROLE}`,
        );
      }
    }
  }
  return problems;
}
