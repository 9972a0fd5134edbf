import { createCardRenderer } from '../../src/cards/render';
import { nudgesForRole } from '../../src/content/catalogue';
import { loadContent } from '../../src/content/load';
import { isOpenIn, PLACES } from '../../src/content/places';
import { nudgeViewFor } from '../../src/conversation/nudge-view';
import { ROLES } from '../../src/domain';
import { walkCard } from './parse-card';

const content = loadContent();
const renderer = createCardRenderer();
const PLACE_IDS = [undefined, ...PLACES.map((p) => p.id)];

describe('the nudge card for a person (role, nation or region)', () => {
  it('always shows a non-course way to grow with its next step, and at most three courses the person can join', () => {
    const problems: string[] = [];
    for (const role of ROLES)
      for (const place of PLACE_IDS)
        for (const nudge of nudgesForRole(content, role)) {
          const data = nudgeViewFor({ content }, nudge, 'user-1|2026-W49', { role, place });
          const label = `${nudge.id} ${role} ${place ?? 'not set'}`;
          if (!data.developWay.title || data.developWay.nextStep.length < 20) problems.push(`${label}: no way to grow`);
          if (data.courses.length > 3) problems.push(`${label}: ${data.courses.length} courses`);
          if (data.courses.length === 0 && !data.coursesNote) problems.push(`${label}: no courses and no note`);
          for (const item of data.courses) {
            const c = content.courses.find((x) => x.id === item.id)!;
            if (!isOpenIn(c.places, place)) problems.push(`${label}: ${c.id} not open there`);
            if (!item.eligibility) problems.push(`${label}: ${c.id} has no eligibility line`);
          }
        }
    expect(problems).toEqual([]);
  });

  it('offers the "Ways to grow" button on every card, also when no course fits (the non-course way is behind it)', () => {
    const noButton: string[] = [];
    let withoutCourses = 0;
    for (const role of ROLES)
      for (const place of PLACE_IDS)
        for (const nudge of nudgesForRole(content, role)) {
          const data = nudgeViewFor({ content }, nudge, 'user-1|2026-W49', { role, place });
          if (data.courses.length > 0) continue;
          withoutCourses++;
          let button = false;
          walkCard(renderer.render('nudge', data), (o) => {
            if (o.type === 'Action.ToggleVisibility' && o.title === 'Ways to grow') button = true;
          });
          if (!button) noButton.push(`${nudge.id} ${role} ${place ?? 'not set'}`);
        }
    expect(withoutCourses).toBeGreaterThan(0); // the case this guards exists in the shipped content
    expect(noButton).toEqual([]);
  });

  it("renders the way to grow, who can join, and the nation's signposting in the template", () => {
    const nudge = content.nudges.find((n) => n.id === 'values-04')!;
    const data = nudgeViewFor({ content }, nudge, 'user-1|2026-W49', { role: 'clinician', place: 'scotland' });
    const card = renderer.render('nudge', data);
    const texts: string[] = [];
    let wayBlock = false;
    walkCard(card, (o) => {
      if (typeof o.text === 'string') texts.push(o.text);
      if (o.id === 'develop-way') wayBlock = true;
    });
    expect(wayBlock).toBe(true);
    expect(texts.join('\n')).toMatch(/Another way to grow: /);
    expect(texts.join('\n')).toMatch(/Independent National Whistleblowing Officer/);
    expect(texts.join('\n')).not.toMatch(/Freedom to Speak Up guardian/);
    if (data.courses.length > 0) expect(texts.join('\n')).toMatch(/Who can join: /);
  });
});
