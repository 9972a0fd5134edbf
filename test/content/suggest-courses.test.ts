import { loadContent } from '../../src/content/load';
import { suggestCourses, suggestDevelopmentWays } from '../../src/content/suggest-courses';
import { ROLES } from '../../src/domain';
import { BEHAVIOUR_IDS } from '../../src/content/types';

const content = loadContent();
const ids = (xs: { course: { id: string } }[]) => xs.map((x) => x.course.id);

describe('suggestCourses', () => {
  it('offers only entries covering the behaviour asked for, open to the role, and explains each', () => {
    const results = suggestCourses(content, { role: 'manager', behaviour: 'compassion' });
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(5);
    for (const r of results) {
      expect(r.course.behaviours).toContain('compassion');
      expect(r.course.roles).toContain('manager');
      expect(r.why).toMatch(/^matches: compassion, for practice managers, /);
      expect(r.why).toBe(r.reasons.join(', '));
    }
    expect(results[0]?.why).toBe('matches: compassion, for practice managers, online');
  });

  it('ranks an entry centred on the behaviour above a broad programme', () => {
    const list = ids(suggestCourses(content, { role: 'manager', behaviour: 'compassion' }));
    expect(list.indexOf('sussex-compassionate')).toBeLessThan(list.indexOf('elizabeth-garrett-anderson'));
  });

  it('never suggests closed or historic entries, for any role or behaviour', () => {
    const hidden = content.courses.filter((c) => c.status === 'closed' || c.status === 'historic').map((c) => c.id);
    for (const role of ROLES) {
      for (const behaviour of [undefined, ...BEHAVIOUR_IDS]) {
        const list = ids(suggestCourses(content, { role, behaviour, limit: 50 }));
        for (const id of hidden) expect(list).not.toContain(id);
        const ways = suggestDevelopmentWays(content, { role, behaviour }).map((w) => w.course.id);
        for (const id of hidden) expect(ways).not.toContain(id);
      }
    }
  });

  it('uses the lowest recent self-ratings first, then focus behaviours, when no behaviour is asked for', () => {
    const results = suggestCourses(content, { role: 'gp', lowRated: ['equality'], focus: ['compassion'] });
    expect(results[0]?.course.behaviours).toContain('equality');
    expect(results[0]?.reasons).toContain('an area you rated yourself lower on recently');
    const focusOnly = suggestCourses(content, { role: 'gp', focus: ['compassion'] });
    expect(focusOnly[0]?.course.behaviours).toContain('compassion');
  });

  it('filters by format and time band, and says so', () => {
    const results = suggestCourses(content, { role: 'clinician', format: 'online', timeBand: 'short', limit: 50 });
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.course.format).toBe('online');
      expect(r.course.timeBand).toBe('short');
      expect(r.reasons).toEqual(expect.arrayContaining(['online', 'a few hours']));
    }
  });

  it('respects the limit and gives the same answer every time', () => {
    const a = suggestCourses(content, { role: 'reception', limit: 2 });
    expect(a).toHaveLength(2);
    expect(ids(suggestCourses(content, { role: 'reception', limit: 2 }))).toEqual(ids(a));
  });

  it('returns nothing rather than a wrong course when no entry fits', () => {
    expect(suggestCourses(content, { role: 'reception', behaviour: 'equality', format: 'in-person' })).toEqual([]);
  });
});

describe('suggestDevelopmentWays', () => {
  it('suggests non-course ways, each with a concrete next step and a different entry', () => {
    const ways = suggestDevelopmentWays(content, { role: 'gp', behaviour: 'followership' });
    expect(ways.map((w) => w.way)).toEqual(expect.arrayContaining(['mentoring', 'coaching', 'networking']));
    expect(ways.map((w) => w.way)).not.toContain('course');
    for (const w of ways) {
      expect(w.nextStep.length).toBeGreaterThan(20);
      expect(w.course.ways).toContain(w.way);
      expect(w.course.roles).toContain('gp');
    }
    expect(new Set(ways.map((w) => w.course.id)).size).toBe(ways.length);
  });

  it('points GPs asking about mentoring towards the Supporting Mentors Scheme via their ICB', () => {
    const mentoring = suggestDevelopmentWays(content, { role: 'gp', behaviour: 'compassion' }).find(
      (w) => w.way === 'mentoring',
    );
    expect(mentoring?.course.id).toBe('supporting-mentors');
    expect(mentoring?.nextStep).toMatch(/Supporting Mentors Scheme/);
    expect(mentoring?.why).toBe('mentoring, matches: compassion, for GPs');
  });

  it('skips entries already shown', () => {
    const ways = suggestDevelopmentWays(content, {
      role: 'gp',
      behaviour: 'compassion',
      excludeIds: ['supporting-mentors'],
    });
    expect(ways.map((w) => w.course.id)).not.toContain('supporting-mentors');
  });
});
