import Sequencer from '@jest/test-sequencer';
import type { Test } from '@jest/test-result';

/**
 * Files that spend most of their time waiting rather than working: real processes of the bot
 * (started, killed, restarted) and a store taken away and given back.
 */
const MOSTLY_WAITING = [/[\\/]test[\\/]faults[\\/]/, /[\\/]test[\\/]scale[\\/]/];

/**
 * Jest's own order (files that failed last time first, then the longest first, from its cache of
 * durations), except on a fresh clone, where it has no durations and would order by file size:
 * there the files that mostly wait start first, so two workers are not left with one long file to
 * finish at the end.
 */
export default class WaitingFirstSequencer extends Sequencer {
  override sort(tests: Array<Test>): Array<Test> {
    const sorted = super.sort(tests) as Array<Test>;
    if (sorted.some((test) => test.duration != null)) return sorted;
    const waits = (test: Test) => MOSTLY_WAITING.some((pattern) => pattern.test(test.path));
    return [...sorted.filter(waits), ...sorted.filter((test) => !waits(test))];
  }
}
