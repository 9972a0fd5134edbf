import type { NudgeHistory, Role } from '../../src/domain';
import { loadContent } from '../../src/content/load';
import { selectNudge } from '../../src/delivery/select-nudge';

/**
 * Poll results a practice can see: answers pool at 5 distinct people (MIN_GROUP_SIZE), and each person
 * draws their own nudge with the engine's selection. With one core question per behaviour, a 15-person
 * practice where 80% answer each week sees its first pooled result within two weeks. (With one question
 * per nudge, the review's run found none after four weeks.)
 */
const content = loadContent();
const MIN_GROUP = 5;

const PRACTICE: readonly Role[] = [
  ...Array<Role>(4).fill('gp'),
  ...Array<Role>(4).fill('clinician'),
  'manager',
  ...Array<Role>(5).fill('reception'),
  'other',
];

/** Weeks until some poll has MIN_GROUP distinct people, for a practice whose ids start with `seed`. */
function weeksToFirstPooledResult(seed: string, maxWeeks: number): number | undefined {
  const histories = PRACTICE.map((): NudgeHistory => ({ seen: [], notUseful: [], sentCount: 0 }));
  const voters = new Map<string, Set<number>>();
  for (let week = 1; week <= maxWeeks; week++) {
    PRACTICE.forEach((role, person) => {
      const history = histories[person]!;
      const chosen = selectNudge({
        nudges: content.nudges,
        role,
        history,
        focus: [],
        ratings: new Map(),
        seed: `${seed}-${person}|2026-W${String(week).padStart(2, '0')}`,
      });
      if (!chosen) throw new Error(`no nudge for ${role}`);
      const nudge = chosen.nudge;
      histories[person] = {
        ...history,
        seen: chosen.cycleReset ? [nudge.id] : [...history.seen, nudge.id],
        lastBehaviour: nudge.behaviour,
        sentCount: history.sentCount + 1,
      };
      // 12 of 15 answer each week (80%); a different three skip each week.
      if ((person + week) % 5 === 0) return;
      const set = voters.get(nudge.poll.id) ?? new Set<number>();
      set.add(person);
      voters.set(nudge.poll.id, set);
    });
    if ([...voters.values()].some((s) => s.size >= MIN_GROUP)) return week;
  }
  return undefined;
}

describe('personal poll answers pool in a practice', () => {
  it('gives every nudge of a behaviour the behaviour’s one core question', () => {
    for (const b of content.behaviours) {
      const mine = content.nudges.filter((n) => n.behaviour === b.id);
      expect(mine.length).toBeGreaterThan(0);
      for (const n of mine) expect(n.poll).toEqual(b.poll);
    }
    expect(new Set(content.behaviours.map((b) => b.poll.id)).size).toBe(content.behaviours.length);
  });

  it.each(['practice-a', 'practice-b', 'practice-c', 'practice-d', 'practice-e'])(
    '%s (15 people, 80%% answering weekly) sees its first pooled result within 2 weeks',
    (seed) => {
      const weeks = weeksToFirstPooledResult(seed, 8);
      expect(weeks).toBeDefined();
      expect(weeks!).toBeLessThanOrEqual(2);
    },
  );
});
