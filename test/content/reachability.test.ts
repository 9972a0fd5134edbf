import { loadContent } from '../../src/content/load';
import { checkReachability } from '../../src/content/reachability';
import * as suggest from '../../src/content/suggest-courses';
import * as catalogue from '../../src/content/catalogue';
import { runContentCheck } from '../../src/cli/content-check';

const content = loadContent();

describe('checkReachability (run by content:check)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('finds nothing wrong with the shipped content', () => {
    expect(checkReachability(content)).toEqual([]);
  });

  it('reports a paused course that a suggestion path would show, naming the entry and the path', () => {
    const paused = content.courses.find((c) => c.id === 'mary-seacole')!;
    jest.spyOn(suggest, 'suggestCourses').mockReturnValue([{ course: paused, reasons: [], why: '', exact: true }]);
    expect(checkReachability(content)).toEqual([
      'courses.json: course "mary-seacole" field "status": "paused-nationally" entry is reachable from the course suggestions',
    ]);
  });

  it('reports a nudge written for one role that the routing would send to another', () => {
    const managerOnly = { ...content.nudges.find((n) => n.id === 'values-08')!, id: 'values-99' };
    const leaky = { ...content, nudges: [...content.nudges, managerOnly] };
    // Routing goes by each nudge's roles list; simulate a routing bug that hands every nudge to everyone.
    jest.spyOn(catalogue, 'nudgesForRole').mockImplementation(() => leaky.nudges);
    expect(checkReachability(leaky)).toContain(
      'nudges/values.json: nudge "values-99" field "roles": written for "manager" but reaches "gp"',
    );
  });

  it('makes content:check fail with a clear message when a paused course is reachable', () => {
    const paused = content.courses.find((c) => c.id === 'mary-seacole')!;
    jest.spyOn(suggest, 'suggestCourses').mockReturnValue([{ course: paused, reasons: [], why: '', exact: true }]);
    const lines: string[] = [];
    const code = runContentCheck([], { log: (l) => lines.push(l), error: (l) => lines.push(l) });
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/course "mary-seacole" field "status": "paused-nationally" entry is reachable/);
  });
});
