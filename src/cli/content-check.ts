import { checkContent, defaultContentDir } from '../content/load';
import { offerableCourses } from '../content/catalogue';

/** Where a CLI command writes: console by default, a recorder in tests. */
export interface CommandOutput {
  log(line: string): void;
  error(line: string): void;
}

/**
 * `content:check [--dir D]`: validates the content folder alone. Prints a one-line summary and returns 0,
 * or prints each problem (file, entry id, field) and returns 1.
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
  out.log(
    `Content OK: ${c.behaviours.length} behaviours, ${c.nudges.length} nudges, ${c.courses.length} courses (${offerableCourses(c).length} offerable)`,
  );
  return 0;
}
