import { checkContent, defaultContentDir } from '../content/load';
import { nudgesForRole, offerableCourses } from '../content/catalogue';
import { canBeSuggested } from '../content/course-reasons';
import { checkReachability } from '../content/reachability';

/** Where a CLI command writes: console by default, a recorder in tests. */
export interface CommandOutput {
  log(line: string): void;
  error(line: string): void;
}

/**
 * `content:check [--dir D]`: validates the content folder alone: schema and references, sources with the
 * text that backs each "why", nudge routing (everyone, or one role only) and coverage per role, nudge length
 * and poll wording, course places and eligibility, signposting, and that no paused, closed or restricted
 * course is reachable from any suggestion path. Prints a one-line summary and returns 0, or prints each
 * problem (file, entry id, field) and returns 1.
 */
export function runContentCheck(args: readonly string[], out: CommandOutput = console): number {
  const dirIndex = args.indexOf('--dir');
  const dir = dirIndex >= 0 ? args[dirIndex + 1] : defaultContentDir();
  if (!dir) {
    out.error('content:check: --dir needs a folder, e.g. --dir src/content/data');
    return 2;
  }
  const result = checkContent(dir);
  if (!result.ok || !result.content) {
    out.error(`Content has ${result.problems.length} problem(s) in ${dir}:`);
    for (const problem of result.problems) out.error(`- ${problem}`);
    return 1;
  }
  const c = result.content;
  const reachable = checkReachability(c);
  if (reachable.length > 0) {
    out.error(`Content has ${reachable.length} problem(s) in ${dir}:`);
    for (const problem of reachable) out.error(`- ${problem}`);
    return 1;
  }
  const perRole = c.roles.map((r) => `${r.title.toLowerCase().replace(/^gp$/, 'GP')} ${nudgesForRole(c, r.id).length}`);
  out.log(
    `Content OK: ${c.behaviours.length} behaviours, ${c.nudges.length} nudges (${perRole.join(', ')}), ${c.courses.length} courses (${offerableCourses(c).length} offerable, ${c.courses.filter(canBeSuggested).length} can be suggested)`,
  );
  return 0;
}
