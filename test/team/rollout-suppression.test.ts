import { shownRollout, type RolloutCounts, type ShownRollout } from '../../src/team/rollout-status';

/** Every roll-out state of a team of `members`: started, declined, pending, the rest not asked yet. */
function* statesOf(members: number): Generator<RolloutCounts> {
  for (let started = 0; started <= members; started++)
    for (let declined = 0; started + declined <= members; declined++)
      for (let pending = 0; started + declined + pending <= members; pending++)
        yield { members, invited: started + declined + pending, started, declined, pending };
}

const cellsOf = (c: RolloutCounts): Record<string, number> => ({
  started: c.started,
  declined: c.declined,
  pending: c.pending,
  notAsked: c.members - c.invited,
  notStarted: c.members - c.started,
  invited: c.invited,
});

describe.each([
  ['the team status', false],
  ['the operator (nudges rollout)', true],
] as const)('roll-out figures in %s never point at a person', (_where, breakdown) => {
  const K = 5;

  it('shows no figure from 1 to 4, and none can be worked out from the others (every team up to 24)', () => {
    // What a watcher who knows the rule can tell from each display: every state that shows the same.
    const byDisplay = new Map<string, RolloutCounts[]>();
    for (let members = 0; members <= 24; members++) {
      for (const c of statesOf(members)) {
        const shown: ShownRollout = shownRollout(c, K, breakdown);
        for (const v of Object.values(shown))
          if (typeof v === 'number' && v !== shown.threshold && v !== shown.members) expect(v >= K).toBe(true);
        const key = JSON.stringify(shown);
        byDisplay.set(key, [...(byDisplay.get(key) ?? []), c]);
      }
    }
    for (const states of byDisplay.values()) {
      for (const cell of Object.keys(cellsOf(states[0]!))) {
        const values = new Set(states.map((c) => cellsOf(c)[cell]));
        // A count that can be worked out exactly is never small (0 to 4).
        if (values.size === 1) expect({ cell, value: [...values][0]! >= K }).toEqual({ cell, value: true });
      }
    }
  });

  it('a watcher comparing the figures before and after one "No thanks" cannot tell someone said no', () => {
    for (let members = 0; members <= 30; members++) {
      for (const before of statesOf(members)) {
        if (before.pending === 0) continue;
        const after = { ...before, pending: before.pending - 1, declined: before.declined + 1 };
        const [b, a] = [shownRollout(before, K, breakdown), shownRollout(after, K, breakdown)];
        // The team never sees a change; the operator's breakdown changes only when every cell is 5 or more.
        if (!breakdown) expect(a).toEqual(b);
        else if (JSON.stringify(a) !== JSON.stringify(b))
          expect([after.declined, before.pending - 1].every((n) => n >= K) || b.declined !== undefined).toBe(true);
      }
    }
  });

  it('a first Start (0 to 1) changes nothing shown', () => {
    for (let members = 0; members <= 30; members++) {
      for (const before of statesOf(members)) {
        if (before.pending === 0 || before.started !== 0) continue;
        const after = { ...before, pending: before.pending - 1, started: 1 };
        expect(shownRollout(after, K, breakdown)).toEqual(shownRollout(before, K, breakdown));
      }
    }
  });

  it('uses MIN_GROUP_SIZE when it is larger, never less than 5', () => {
    const c = { members: 40, invited: 40, started: 7, declined: 8, pending: 25 };
    expect(shownRollout(c, 3, breakdown).threshold).toBe(5);
    expect(shownRollout(c, 10, breakdown)).toEqual({ members: 40, threshold: 10 });
  });
});
