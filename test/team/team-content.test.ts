import { loadContent } from '../../src/content/load';
import { validateContent } from '../../src/content/validate';
import { BEHAVIOUR_IDS } from '../../src/content/types';
import { pickTeamNudge } from '../../src/team/team-nudge-card';

const content = loadContent();

describe('team nudges content', () => {
  it('ships at least two team nudges per behaviour, each with a discussion question and a 3-5 option poll', () => {
    const teamNudges = content.teamNudges ?? [];
    for (const b of BEHAVIOUR_IDS) expect(teamNudges.filter((n) => n.behaviour === b).length).toBeGreaterThanOrEqual(2);
    for (const n of teamNudges) {
      expect(n.discussion.endsWith('?')).toBe(true);
      expect(n.poll.options.length).toBeGreaterThanOrEqual(3);
      expect(n.poll.options.length).toBeLessThanOrEqual(5);
    }
  });

  it('refuses a team poll id already used by a personal nudge', () => {
    const personal = content.nudges[0]!;
    const raw = (content.teamNudges ?? []).map((n) => ({ ...n }));
    raw[0] = { ...raw[0]!, poll: { ...raw[0]!.poll, id: personal.poll.id } };
    const files = {
      behaviours: { file: 'behaviours.json', data: content.behaviours },
      roles: { file: 'roles.json', data: content.roles },
      ways: { file: 'ways.json', data: content.ways },
      courses: { file: 'courses.json', data: content.courses },
      nudges: [{ file: 'nudges/all.json', data: content.nudges }],
      teamNudges: { file: 'team-nudges.json', data: raw },
    };
    const { problems } = validateContent(files);
    expect(problems.some((p) => p.includes('team-nudges.json') && p.includes('also a personal poll'))).toBe(true);
  });

  it('picks the same team nudge for the same delivery, matching the behaviour the engine chose', () => {
    const a = pickTeamNudge(content, 'equality', '19:t@thread.tacv2|2026-W49');
    expect(a?.behaviour).toBe('equality');
    expect(pickTeamNudge(content, 'equality', '19:t@thread.tacv2|2026-W49')).toBe(a);
  });
});
