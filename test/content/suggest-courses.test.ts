import { loadContent } from '../../src/content/load';
import { isOpenIn, PLACES } from '../../src/content/places';
import { timeFits } from '../../src/content/course-reasons';
import { nudgesForRole } from '../../src/content/catalogue';
import { suggestCourses, suggestDevelopmentWays, wayForNudge } from '../../src/content/suggest-courses';
import { ROLES } from '../../src/domain';
import { BEHAVIOUR_IDS, NON_COURSE_WAYS, type TimeBand } from '../../src/content/types';

const content = loadContent();
const ids = (xs: { course: { id: string } }[]) => xs.map((x) => x.course.id);
const SUGGESTABLE = new Set(['current', 'check-current', 'check-funding']);
const PLACE_IDS = [undefined, ...PLACES.map((p) => p.id)];
const TIMES: (TimeBand | undefined)[] = [undefined, 'short', 'medium', 'long'];

describe('suggestCourses: one ranking for every path', () => {
  it('for every role, place and time, the first three for every nudge are joinable, open there, running and within the time', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const role of ROLES) {
      for (const place of PLACE_IDS) {
        for (const time of TIMES) {
          for (const nudge of nudgesForRole(content, role)) {
            const options = { role, place, time, behaviour: nudge.behaviour, ways: nudge.ways, limit: 3 };
            for (const { course: c } of suggestCourses(content, options)) {
              checked++;
              const why = [
                !c.roles.includes(role) && 'role',
                !isOpenIn(c.places, place) && 'place',
                !SUGGESTABLE.has(c.status) && 'status',
                c.restrictedTo !== undefined && 'restricted',
                !timeFits(c.timeBand, time ?? 'medium') && 'time',
                !c.behaviours.includes(nudge.behaviour) && 'behaviour',
              ].filter(Boolean);
              if (why.length > 0)
                wrong.push(
                  `${nudge.id} ${role} ${place ?? 'not set'} ${time ?? 'not set'}: ${c.id} (${why.join(', ')})`,
                );
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });

  it('offers a person who has not said where they work only England-wide (or UK-wide) entries, never a regional one', () => {
    for (const role of ROLES)
      for (const behaviour of BEHAVIOUR_IDS)
        for (const s of suggestCourses(content, { role, behaviour, time: 'long', limit: 50 }))
          expect(s.course.places.some((p) => p === 'uk' || p === 'england')).toBe(true);
  });

  it("offers people in Wales, Scotland and Northern Ireland their own nation's offers, and never an England-only one", () => {
    const expectations: [string, string][] = [
      ['wales', 'gwella-portal'],
      ['scotland', 'leading-to-change'],
      ['northern-ireland', 'hsc-collective-strategy'],
    ];
    for (const [place, expected] of expectations) {
      const list = suggestCourses(content, { role: 'manager', place, time: 'long', limit: 50 });
      expect(ids(list)).toContain(expected);
      for (const s of list) expect(s.course.places.some((p) => p === 'uk' || p === place)).toBe(true);
    }
  });

  it('shows London-only LEEP only to people who said they work in London', () => {
    const london = suggestCourses(content, {
      role: 'reception',
      place: 'england:london',
      behaviour: 'equality',
      limit: 50,
    });
    expect(ids(london)).toContain('leep');
    for (const place of PLACE_IDS.filter((p) => p !== 'england:london'))
      expect(
        ids(suggestCourses(content, { role: 'reception', place, behaviour: 'equality', time: 'long', limit: 50 })),
      ).not.toContain('leep');
  });

  it('never suggests an entry with a joining condition the bot cannot check (Ready Now, fellowships for trainees)', () => {
    for (const role of ROLES)
      for (const place of PLACE_IDS) {
        const list = ids(suggestCourses(content, { role, place, time: 'long', limit: 100 }));
        for (const id of [
          'ready-now',
          'nmd-clinical-fellow',
          'gp-fellowship',
          'fnf-scholarships',
          'sclf',
          'nimdta-equip',
        ])
          expect(list).not.toContain(id);
      }
  });

  it('never suggests paused, closed or historic entries from any path', () => {
    const hidden = content.courses.filter((c) => !SUGGESTABLE.has(c.status)).map((c) => c.id);
    expect(hidden).toEqual(expect.arrayContaining(['mary-seacole', 'looking-after-you', 'progressing-pcns']));
    for (const role of ROLES)
      for (const place of PLACE_IDS)
        for (const behaviour of [undefined, ...BEHAVIOUR_IDS]) {
          const list = ids(suggestCourses(content, { role, place, behaviour, time: 'long', limit: 100 }));
          const ways = suggestDevelopmentWays(content, { role, place, behaviour }).map((w) => w.course.id);
          for (const id of hidden) {
            expect(list).not.toContain(id);
            expect(ways).not.toContain(id);
          }
        }
  });

  it('explains each suggestion in words a person understands: who and where, time against their time, cost, dates', () => {
    const [first] = suggestCourses(content, {
      role: 'manager',
      place: 'scotland',
      time: 'long',
      behaviour: 'compassion',
    });
    expect(first?.why).toMatch(
      /^(made for practice managers|open to every role)( in Scotland)?; takes (a few hours|a few weeks|months), within the time you have; (free|funded|has a cost|cost not stated)/,
    );
    expect(first?.why).not.toMatch(/matches:/);
    for (const s of suggestCourses(content, { role: 'gp', time: 'long', limit: 50 }))
      if (s.course.status === 'check-current') expect(s.why).toMatch(/check dates with the provider/);
  });

  it('ranks quick, free entries first for a busy person', () => {
    const list = suggestCourses(content, { role: 'gp', behaviour: 'compassion', time: 'long', limit: 5 });
    const bands = list.map((s) => ['short', 'medium', 'long'].indexOf(s.course.timeBand));
    expect(bands[0]).toBeLessThan(2);
    expect(bands[0]).toBeLessThanOrEqual(bands[bands.length - 1]!);
  });

  it('uses the lowest recent self-ratings first, then focus behaviours, when no behaviour is asked for', () => {
    const results = suggestCourses(content, {
      role: 'gp',
      lowRated: ['equality'],
      focus: ['compassion'],
      time: 'long',
    });
    expect(results[0]?.course.behaviours).toContain('equality');
    expect(results[0]?.reasons).toContain('an area you rated yourself lower on recently');
    const focusOnly = suggestCourses(content, { role: 'gp', focus: ['compassion'] });
    expect(focusOnly[0]?.course.behaviours).toContain('compassion');
  });

  it('honours the format and time filters exactly when something matches', () => {
    const results = suggestCourses(content, { role: 'clinician', format: 'online', timeBand: 'short', limit: 50 });
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.exact).toBe(true);
      expect(r.course.format).toBe('online');
      expect(r.course.timeBand).toBe('short');
      expect(r.why).toMatch(/takes a few hours, within the time you have/);
    }
  });

  it("when nothing matches the filters, returns the closest within the person's own time, marked not exact", () => {
    const results = suggestCourses(content, { role: 'gp', behaviour: 'compassion', format: 'workplace' });
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.exact).toBe(false);
      expect(timeFits(r.course.timeBand, 'medium')).toBe(true);
    }
  });

  it('respects the limit and gives the same answer every time', () => {
    const a = suggestCourses(content, { role: 'reception', limit: 2 });
    expect(a).toHaveLength(2);
    expect(ids(suggestCourses(content, { role: 'reception', limit: 2 }))).toEqual(ids(a));
  });
});

describe('wayForNudge: the non-course way on every nudge card', () => {
  it('gives every nudge, for every role and place, a non-course way with a concrete next step', () => {
    for (const role of ROLES)
      for (const place of PLACE_IDS)
        for (const nudge of nudgesForRole(content, role)) {
          const way = wayForNudge(content, nudge, { role, place });
          expect(NON_COURSE_WAYS).toContain(way.way);
          expect(nudge.ways).toContain(way.way);
          expect(way.nextStep.length).toBeGreaterThan(20);
          expect(way.why.length).toBeGreaterThan(10);
          if (way.course) {
            expect(way.course.roles).toContain(role);
            expect(isOpenIn(way.course.places, place)).toBe(true);
            expect(SUGGESTABLE.has(way.course.status)).toBe(true);
          }
        }
  });

  it('points a Scottish practice manager asking about networking to the Scottish practice management network', () => {
    const nudge = content.nudges.find((n) => n.id === 'context-08')!;
    const way = wayForNudge(content, { ...nudge, ways: ['networking'] }, { role: 'manager', place: 'scotland' });
    expect(way.course?.id).toBe('spmdn');
    expect(way.why).toMatch(/made for practice managers in Scotland/);
  });

  it('gives learning on the job its own next step, not a programme', () => {
    const nudge = content.nudges.find((n) => n.id === 'compassion-01')!;
    const way = wayForNudge(content, nudge, { role: 'reception', place: 'wales' });
    expect(way.way).toBe('on-the-job');
    expect(way.course).toBeUndefined();
  });
});

describe('suggestDevelopmentWays', () => {
  it('suggests non-course ways, each with a concrete next step and a different entry the person can join', () => {
    const ways = suggestDevelopmentWays(content, { role: 'gp', place: 'northern-ireland', behaviour: 'followership' });
    expect(ways.map((w) => w.way)).toContain('mentoring');
    expect(ways.find((w) => w.way === 'mentoring')?.course.id).toBe('ni-gp-mentoring');
    for (const w of ways) {
      expect(w.nextStep.length).toBeGreaterThan(20);
      expect(w.course.ways).toContain(w.way);
      expect(w.course.roles).toContain('gp');
      expect(isOpenIn(w.course.places, 'northern-ireland')).toBe(true);
    }
    expect(new Set(ways.map((w) => w.course.id)).size).toBe(ways.length);
  });

  it('skips entries already shown', () => {
    const ways = suggestDevelopmentWays(content, {
      role: 'gp',
      place: 'northern-ireland',
      behaviour: 'followership',
      excludeIds: ['ni-gp-mentoring'],
    });
    expect(ways.map((w) => w.course.id)).not.toContain('ni-gp-mentoring');
  });
});

describe('the way to grow respects the time the person has', () => {
  it('for every role, place and time, the way slot never offers an entry longer than the person said they have', () => {
    const wrong: string[] = [];
    for (const role of ROLES)
      for (const place of PLACE_IDS)
        for (const time of TIMES) {
          const have = time ?? 'medium';
          for (const nudge of nudgesForRole(content, role)) {
            const way = wayForNudge(content, nudge, { role, place, time });
            if (way.course && !timeFits(way.course.timeBand, have))
              wrong.push(`${nudge.id} ${role} ${place ?? '-'} ${have}: ${way.course.id} (${way.course.timeBand})`);
            expect(way.nextStep.length).toBeGreaterThan(20);
          }
          for (const behaviour of [undefined, ...BEHAVIOUR_IDS])
            for (const w of suggestDevelopmentWays(content, { role, place, time, behaviour }))
              if (!timeFits(w.course.timeBand, have))
                wrong.push(`ways ${role} ${place ?? '-'} ${have}: ${w.course.id} (${w.course.timeBand})`);
        }
    expect(wrong).toEqual([]);
  });

  it('falls back to the way’s own next step when no entry fits a short time', () => {
    const nudge = content.nudges.find((n) => n.id === 'vision-10')!;
    const short = wayForNudge(content, nudge, { role: 'gp', place: 'england:london', time: 'short' });
    if (!short.course) expect(short.nextStep).toBe(content.ways!.find((w) => w.id === short.way)!.nextStep);
    else expect(short.course.timeBand).toBe('short');
  });
});

describe('nudge cards rotate the third course by nudge', () => {
  it('is deterministic for one nudge and shows reception more than three courses across its values and followership cards', () => {
    const seen = new Set<string>();
    for (const nudge of nudgesForRole(content, 'reception').filter((n) =>
      ['values', 'followership'].includes(n.behaviour),
    )) {
      const options = {
        role: 'reception' as const,
        place: 'england:london',
        behaviour: nudge.behaviour,
        ways: nudge.ways,
      };
      const a = ids(suggestCourses(content, { ...options, limit: 3, rotateBy: nudge.id }));
      const b = ids(suggestCourses(content, { ...options, limit: 3, rotateBy: nudge.id }));
      expect(a).toEqual(b);
      // The first two slots are the ranking's own; only the last one rotates.
      expect(a.slice(0, 2)).toEqual(ids(suggestCourses(content, { ...options, limit: 2 })));
      a.forEach((id) => seen.add(id));
    }
    expect(seen.size).toBeGreaterThan(3);
  });
});

describe('entries the bot cannot match safely', () => {
  it('never offers Yorkshire-and-the-Humber-only Bronze QI, since the North East and Yorkshire region cannot tell it apart from the North East', () => {
    for (const role of ROLES)
      for (const behaviour of [undefined, ...BEHAVIOUR_IDS]) {
        const place = 'england:north-east-yorkshire';
        expect(ids(suggestCourses(content, { role, place, time: 'long', behaviour, limit: 100 }))).not.toContain(
          'bronze-qi',
        );
        expect(ids(suggestDevelopmentWays(content, { role, place, time: 'long', behaviour }))).not.toContain(
          'bronze-qi',
        );
      }
  });

  it('offers NAPC care navigation to reception only (its eligibility is reception, admin and pharmacy counter staff)', () => {
    for (const role of ROLES.filter((r) => r !== 'reception'))
      expect(ids(suggestCourses(content, { role, time: 'long', limit: 100 }))).not.toContain('napc-care-navigation');
  });
});
