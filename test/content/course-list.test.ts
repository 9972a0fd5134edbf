import { ROLES } from '../../src/domain';
import { courseListFor } from '../../src/content/course-list';
import { loadContent } from '../../src/content/load';
import { PLACES } from '../../src/content/places';
import { BEHAVIOUR_IDS } from '../../src/content/types';
import { LONGER_ONLY_NOTE, NO_COURSE_NOTE, noCourseNote, wayForNudge } from '../../src/content/suggest-courses';

const content = loadContent();
const TIMES = ['short', 'medium', 'long', undefined] as const;

describe('the `courses` list', () => {
  it('never fills a themed list with entries off its theme, and says plainly when nothing on it is open', () => {
    for (const behaviour of BEHAVIOUR_IDS) {
      for (const role of ROLES) {
        for (const place of PLACES.map((p) => p.id)) {
          for (const time of TIMES) {
            const list = courseListFor(content, { role, place, time, behaviour, limit: 5 });
            const entries = [...list.courses.map((c) => c.course), ...list.ways.map((w) => w.course)];
            for (const c of entries)
              expect({ id: c.id, behaviour, on: c.behaviours.includes(behaviour) }).toMatchObject({ on: true });
            if (entries.length === 0)
              expect(list.note).toMatch(
                /^Nothing on ".+" (is open to you in .+ yet\. Instead|fits the time you have; longer programmes exist .+ Meanwhile), try this on the job: /,
              );
            // With months to give, the only honest empty answer is that nothing on the theme is open there.
            if (entries.length === 0 && time === 'long') expect(list.note).toMatch(/is open to you in/);
          }
        }
      }
    }
  });

  it('always keeps room for the seed’s other ways to grow when one is open to the person', () => {
    const gpNi = courseListFor(content, { role: 'gp', place: 'northern-ireland', time: 'long', limit: 5 });
    expect(gpNi.ways.map((w) => w.course.id)).toContain('ni-gp-mentoring');
    expect(gpNi.courses.length + gpNi.ways.length).toBeLessThanOrEqual(5);
    const managerScotland = courseListFor(content, { role: 'manager', place: 'scotland', limit: 5 });
    expect(managerScotland.ways.length).toBeGreaterThan(0);
  });

  it('offers an equality entry, or says there is none, in every nation', () => {
    const scotland = courseListFor(content, {
      role: 'reception',
      place: 'scotland',
      time: 'short',
      behaviour: 'equality',
    });
    expect(scotland.courses.map((c) => c.course.id)).toContain('nes-equality-zone');
    const wales = courseListFor(content, { role: 'reception', place: 'wales', time: 'short', behaviour: 'equality' });
    // A few hours: nothing that short on equality in Wales, so the note points to the longer offer there.
    expect(wales.courses.length + wales.ways.length).toBe(0);
    expect(wales.note).toMatch(/fits the time you have; longer programmes exist/);
    for (const place of ['england', 'wales', 'northern-ireland']) {
      const months = courseListFor(content, { role: 'manager', place, time: 'long', behaviour: 'equality' });
      const shown = months.courses.length + months.ways.length;
      expect({ place, honest: shown > 0 || /^Nothing on .+ is open to you in /.test(months.note) }).toEqual({
        place,
        honest: true,
      });
    }
  });

  it('ties learning on the job and self-directed learning to the nudge’s behaviour', () => {
    const steps = new Set(
      BEHAVIOUR_IDS.map(
        (behaviour) => wayForNudge(content, { ways: ['on-the-job'], behaviour }, { role: 'reception' }).nextStep,
      ),
    );
    expect(steps.size).toBe(BEHAVIOUR_IDS.length);
  });
});

describe('the nudge card’s note when no course fits', () => {
  it('says longer courses are open when only the person’s time rules them out, and "none yet" otherwise', () => {
    const asked = { role: 'manager' as const, place: 'wales', behaviour: 'equality' as const };
    expect(noCourseNote(content, { ...asked, time: 'short' })).toBe(LONGER_ONLY_NOTE);
    expect(noCourseNote(content, { ...asked, time: 'long' })).toBe(NO_COURSE_NOTE);
    expect(noCourseNote(content, { ...asked, place: 'northern-ireland', time: 'short' })).toBe(NO_COURSE_NOTE);
  });
});
