import { createCardRenderer } from '../../src/cards/render';
import { sampleCardData } from '../../src/cards/sample-data';
import { contentForCardTests } from './sample-content';
import { parseWithOfficialParser } from './parse-card';

const { content } = contentForCardTests();
const renderer = createCardRenderer();
const data = sampleCardData(content, content.nudges[0]!, 'gp');

describe('practice cards', () => {
  it('renders the practice settings card valid, with the leads as ids in a people picker and no name', () => {
    const card = renderer.render('practice-settings', data['practice-settings']);
    expect(parseWithOfficialParser(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).toContain('"dataset":"graph.microsoft.com/users?scope=currentContext"');
    expect(json).toContain('"verb":"team.practice.save"');
    expect(json).toContain('"value":"00000000-0000-0000-0000-000000000101,00000000-0000-0000-0000-000000000102"');
  });

  it('shows a non-lead a summary with no form and no action', () => {
    const card = renderer.render('practice-settings', {
      ...data['practice-settings'],
      canChange: false,
      leadIds: '',
      leadChoices: [],
    });
    expect(parseWithOfficialParser(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).not.toContain('team.practice.save');
    expect(json).not.toContain('Input.');
  });

  it('asks on the team intro card whether the team is a practice, and leaves it out once it is', () => {
    const asks = JSON.stringify(renderer.render('team-intro', data['team-intro']));
    expect(asks).toContain('"verb":"team.practice.setup"');
    expect(asks).toContain('"verb":"team.practice.join"');
    const done = JSON.stringify(renderer.render('team-intro', { ...data['team-intro'], showSetup: false }));
    expect(done).not.toContain('team.practice');
  });
});
