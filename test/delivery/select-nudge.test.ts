import {
  hasSeenAllSuitable,
  recordNudgeInHistory,
  selectNudge,
  type SelectionInput,
} from '../../src/delivery/select-nudge';
import type { NudgeHistory } from '../../src/domain';
import { loadContent } from '../../src/content/load';
import { sampleNudges } from './nudge-builders';

const emptyHistory: NudgeHistory = { seen: [], notUseful: [], sentCount: 0 };
const base: SelectionInput = {
  nudges: sampleNudges,
  role: 'reception',
  history: emptyHistory,
  focus: [],
  ratings: new Map(),
  seed: 'u1|2026-W10',
};

function tally(input: Omit<SelectionInput, 'seed'>, runs = 2000): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < runs; i++) {
    const s = selectNudge({ ...input, seed: `seed-${i}` });
    if (s) counts.set(s.nudge.behaviour, (counts.get(s.nudge.behaviour) ?? 0) + 1);
  }
  return counts;
}

describe('selectNudge', () => {
  it('gives the same nudge for the same seed and inputs', () => {
    expect(selectNudge(base)?.nudge.id).toBe(selectNudge({ ...base })?.nudge.id);
  });

  it('chooses only nudges suited to the role', () => {
    for (let i = 0; i < 200; i++) {
      const s = selectNudge({ ...base, seed: `s${i}` });
      expect(s?.nudge.roles).toContain('reception');
    }
  });

  it('gives someone who has not chosen a role only nudges written for everyone, with the shipped content', () => {
    const shipped = loadContent().nudges;
    const forOneRole = shipped.filter((n) => n.roles.length === 1);
    expect(forOneRole.filter((n) => n.roles[0] === 'other').length).toBeGreaterThan(0); // the case that matters
    const chosen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const s = selectNudge({ ...base, nudges: shipped, role: 'other', everyoneOnly: true, seed: `s${i}` });
      expect(s?.nudge.roles).toEqual(expect.arrayContaining(['gp', 'clinician', 'manager', 'reception', 'other']));
      chosen.add(s!.nudge.id);
    }
    expect(chosen.size).toBeGreaterThan(10);
    // Once the role is chosen, nudges written only for it come too.
    const mine = new Set<string>();
    for (let i = 0; i < 500; i++)
      mine.add(selectNudge({ ...base, nudges: shipped, role: 'other', seed: `s${i}` })!.nudge.id);
    expect([...mine].some((id) => forOneRole.some((n) => n.id === id))).toBe(true);
  });

  it('counts a cycle as seen over the nudges for everyone when the role is not chosen', () => {
    const shipped = loadContent().nudges;
    const forEveryone = shipped.filter((n) => n.roles.length === 5).map((n) => n.id);
    expect(hasSeenAllSuitable(shipped, 'other', forEveryone, true)).toBe(true);
    expect(hasSeenAllSuitable(shipped, 'other', forEveryone, false)).toBe(false);
  });

  it('repeats no nudge until every suitable one was seen, then starts a new cycle', () => {
    let history = emptyHistory;
    const ids: string[] = [];
    for (let week = 0; week < 6; week++) {
      const s = selectNudge({ ...base, history, seed: `u1|w${week}` });
      if (!s) throw new Error('no nudge');
      expect(s.cycleReset).toBe(false);
      ids.push(s.nudge.id);
      history = recordNudgeInHistory(history, s.nudge, s.cycleReset);
    }
    expect(new Set(ids).size).toBe(6);
    expect(hasSeenAllSuitable(sampleNudges, 'reception', history.seen)).toBe(true);
    const next = selectNudge({ ...base, history, seed: 'u1|w6' });
    expect(next?.cycleReset).toBe(true);
    expect(next?.nudge.behaviour).not.toBe(history.lastBehaviour);
    expect(recordNudgeInHistory(history, next!.nudge, true).seen).toEqual([next!.nudge.id]);
  });

  it('never sends the same behaviour two weeks running while another will do', () => {
    let history = emptyHistory;
    for (let week = 0; week < 30; week++) {
      const s = selectNudge({ ...base, history, seed: `u2|w${week}` })!;
      if (history.lastBehaviour) expect(s.nudge.behaviour).not.toBe(history.lastBehaviour);
      history = recordNudgeInHistory(history, s.nudge, s.cycleReset);
    }
  });

  it('chooses only focus behaviours while they are set (what "Behaviours to focus on" says)', () => {
    const counts = tally({ ...base, focus: ['vision'] });
    expect([...counts.keys()]).toEqual(['vision']);
    const two = tally({ ...base, focus: ['vision', 'context'] });
    expect(new Set(two.keys())).toEqual(new Set(['vision', 'context']));
  });

  it('goes through every focus nudge before repeating one', () => {
    let history = emptyHistory;
    const focus = ['vision', 'context'];
    const suitable = base.nudges.filter((n) => focus.includes(n.behaviour) && n.roles.includes(base.role!));
    const seen: string[] = [];
    for (let week = 0; week < suitable.length; week++) {
      const s = selectNudge({ ...base, focus, history, seed: `u3|w${week}` })!;
      expect(focus).toContain(s.nudge.behaviour);
      seen.push(s.nudge.id);
      history = recordNudgeInHistory(history, s.nudge, s.cycleReset);
    }
    expect(new Set(seen).size).toBe(suitable.length);
  });

  it('falls back to every behaviour when no focus behaviour has a nudge for the role', () => {
    const counts = tally({ ...base, focus: ['no-such-behaviour'] });
    expect(counts.size).toBeGreaterThan(1);
  });

  it('weights towards the behaviours with the lowest recent self-rating', () => {
    const counts = tally({
      ...base,
      ratings: new Map([
        ['compassion', 1],
        ['context', 5],
        ['vision', 5],
      ]),
    });
    expect(counts.get('compassion')!).toBeGreaterThan(counts.get('context')! * 2);
  });

  it('steers away from nudges marked not useful', () => {
    const history: NudgeHistory = { ...emptyHistory, notUseful: ['n1', 'n2'] };
    const counts = tally({ ...base, history });
    expect(counts.get('context') ?? 0).toBeLessThan(counts.get('vision')! / 5);
  });

  it('returns undefined when no nudge suits the role', () => {
    expect(selectNudge({ ...base, nudges: sampleNudges.filter((n) => n.behaviour === 'equality') })).toBeUndefined();
  });
});
