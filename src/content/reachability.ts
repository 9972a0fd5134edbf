import { ROLES } from '../domain';
import { nudgesForRole } from './catalogue';
import { PLACES } from './places';
import { suggestCourses, suggestDevelopmentWays, wayForNudge } from './suggest-courses';
import { BEHAVIOUR_IDS, type Content } from './types';

/**
 * Run by `content:check` (not at start-up: it takes a moment). Runs every suggestion path for every role and
 * place a person can choose, and reports any paused,
 * closed or historic entry, or one with an unverifiable joining condition, that a person could be shown;
 * and any nudge written for one role that the routing would send to another role.
 */
export function checkReachability(content: Content): string[] {
  const problems = new Set<string>();
  const flag = (path: string, id: string) => {
    const c = content.courses.find((x) => x.id === id);
    if (!c) return;
    if (c.status === 'paused-nationally' || c.status === 'closed' || c.status === 'historic')
      problems.add(`courses.json: course "${id}" field "status": "${c.status}" entry is reachable from ${path}`);
    if (c.restrictedTo !== undefined)
      problems.add(`courses.json: course "${id}" field "restrictedTo": restricted entry is reachable from ${path}`);
  };
  for (const role of ROLES) {
    for (const place of [undefined, ...PLACES.map((p) => p.id)]) {
      // 'long' is the widest time a person can have, so it reaches every entry a shorter time could.
      for (const behaviour of [undefined, ...BEHAVIOUR_IDS]) {
        for (const s of suggestCourses(content, { role, place, time: 'long', behaviour, limit: 100 }))
          flag('the course suggestions', s.course.id);
        for (const w of suggestDevelopmentWays(content, { role, place, time: 'long', behaviour }))
          flag('the development ways', w.course.id);
      }
      for (const nudge of nudgesForRole(content, role)) {
        const way = wayForNudge(content, nudge, { role, place, time: 'long' });
        if (way.course) flag(`the nudge card's development way (${nudge.id})`, way.course.id);
      }
    }
    for (const nudge of nudgesForRole(content, role)) {
      if (nudge.roles.length === 1 && nudge.roles[0] !== role)
        problems.add(
          `nudges/${nudge.behaviour}.json: nudge "${nudge.id}" field "roles": written for "${nudge.roles[0]}" but reaches "${role}"`,
        );
    }
  }
  return [...problems];
}
