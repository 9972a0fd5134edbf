import { loadContent } from '../../src/content/load';
import { validateContent } from '../../src/content/validate';
import { BEHAVIOUR_IDS } from '../../src/content/types';
import { pickTeamNudge, teamNudgeCardData } from '../../src/team/team-nudge-card';
import { createCardRenderer } from '../../src/cards/render';
import type { AdaptiveCardJson } from '../../src/cards/types';
import { walkCard } from '../cards/parse-card';

const content = loadContent();

describe('team nudges content', () => {
  it('ships at least four team nudges per behaviour (28: a team sees no repeat for over half a year), each with a discussion question and a 3-5 option poll', () => {
    const teamNudges = content.teamNudges ?? [];
    for (const b of BEHAVIOUR_IDS) expect(teamNudges.filter((n) => n.behaviour === b).length).toBeGreaterThanOrEqual(4);
    for (const n of teamNudges) {
      expect(n.discussion.endsWith('?')).toBe(true);
      expect(n.poll.options.length).toBeGreaterThanOrEqual(3);
      expect(n.poll.options.length).toBeLessThanOrEqual(5);
    }
  });

  it('gives every team nudge a source, like personal nudges: label, https link and what the page backs', () => {
    const teamNudges = content.teamNudges ?? [];
    expect(teamNudges).toHaveLength(28);
    for (const n of teamNudges) {
      expect(n.source.label.length).toBeGreaterThan(5);
      expect(n.source.url).toMatch(/^https:\/\//);
      expect(n.source.supports.length).toBeGreaterThan(20);
    }
    // Citing the Healthcare Leadership Model only backs a "why" that says which of its dimensions it means.
    const hlmUses = teamNudges.filter((n) => n.source.url.includes('healthcare-leadership-model'));
    for (const n of hlmUses) expect(n.why).toMatch(/Healthcare Leadership Model/);
  });

  it('links each team nudge\'s source on its card, behind a "Source" toggle so the card stays compact', () => {
    const renderer = createCardRenderer();
    for (const n of content.teamNudges ?? []) {
      const data = teamNudgeCardData(content, n, { teamId: 't', deliveryId: 't|2026-W49' }, {}, 5);
      const card: AdaptiveCardJson = renderer.render('team-nudge', data);
      const found: Record<string, unknown>[] = [];
      walkCard(card, (o) => void found.push(o));
      const box = found.find((o) => o.id === 'source');
      expect(box?.isVisible).toBe(false);
      expect((box?.items as { text?: string }[] | undefined)?.[0]?.text).toBe(
        `Source: [${n.source.label}](${n.source.url})`,
      );
      const toggle = found.find((o) => o.type === 'Action.ToggleVisibility' && o.title === 'Source');
      expect(toggle?.targetElements).toEqual(['source']);
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
