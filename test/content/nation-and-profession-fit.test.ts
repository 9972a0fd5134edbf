import { loadContent } from '../../src/content/load';
import { nudgeTextFor } from '../../src/content/nation-text';
import { suggestCourses, wayForNudge, suggestDevelopmentWays } from '../../src/content/suggest-courses';
import type { Nation } from '../../src/content/places';

const content = loadContent();
const nudge = (id: string) => content.nudges.find((n) => n.id === id)!;
const NATIONS: readonly Nation[] = ['england', 'wales', 'scotland', 'northern-ireland'];

describe('a nudge reads true where the person works', () => {
  it('gives a practice manager in Northern Ireland Northern Ireland’s law, and Great Britain the Equality Act', () => {
    const ni = nudgeTextFor(nudge('equality-08'), 'northern-ireland');
    expect(ni.why).not.toMatch(/Equality Act/);
    expect(ni.why).toMatch(/Disability Discrimination Act 1995/);
    expect(ni.source.url).not.toMatch(/legislation\.gov\.uk\/ukpga\/2010\/15/);
    expect(nudgeTextFor(nudge('equality-08'), 'scotland').why).toMatch(/Equality Act 2010/);
    expect(nudgeTextFor(nudge('equality-12'), 'northern-ireland').why).toMatch(/26 weeks/);
    expect(nudgeTextFor(nudge('equality-12'), 'england:london').why).toMatch(/Great Britain/);
  });

  it('never opens a card outside England with an England-only scheme', () => {
    const englandOnly = /People Promise|Additional Roles Reimbursement|Freedom to Speak Up|e-Referral|Staff Survey/;
    for (const n of content.nudges) {
      for (const nation of NATIONS.filter((x) => x !== 'england')) {
        const first = nudgeTextFor(n, nation).why.split(/(?<=\.)\s/)[0]!;
        expect({ id: n.id, nation, first: englandOnly.test(first) }).toEqual({ id: n.id, nation, first: false });
      }
    }
  });

  it('shows no framework label as the reason on any card', () => {
    const label =
      /one of the (nine|seven|four)|Healthcare Leadership Model|People Promise|compassionate (leadership )?behaviour|^(In )?collective leadership|^Compassionate leadership (means|is)/;
    for (const n of content.nudges) {
      expect({ id: n.id, label: label.test(n.why.split(/(?<=\.)\s/)[0]!) }).toEqual({ id: n.id, label: false });
    }
  });

  it('names England’s bodies in next steps only in England', () => {
    for (const place of ['wales', 'scotland', 'northern-ireland']) {
      for (const role of ['gp', 'clinician', 'manager', 'reception', 'other'] as const) {
        const steps = [
          ...suggestDevelopmentWays(content, { role, place, time: 'long' }).map((w) => w.nextStep),
          ...content.nudges.map((n) => wayForNudge(content, n, { role, place, time: 'long' }).nextStep),
        ];
        for (const s of steps)
          expect({ place, s, bad: /integrated care board|training hub/i.test(s) }).toMatchObject({ bad: false });
      }
    }
    const england = content.ways!.find((w) => w.id === 'coaching')!.nextStepIn!.england!;
    expect(england).toMatch(/training hub/);
  });
});

describe('offers a person can join, with reasons true for them', () => {
  const ids = (o: Parameters<typeof suggestCourses>[1]) =>
    suggestCourses(content, { limit: 50, ...o }).map((s) => s.course.id);

  it('sends nurses-only offers to nurses, not to pharmacists or clinicians who gave no profession', () => {
    const base = { role: 'clinician' as const, place: 'scotland', time: 'long' as const };
    expect(ids({ ...base, profession: 'nurse' })).toContain('qnis-leadership');
    expect(ids({ ...base, profession: 'pharmacist' })).not.toContain('qnis-leadership');
    expect(ids(base)).not.toContain('qnis-leadership');
    const nursingWays = suggestDevelopmentWays(content, { ...base, profession: 'pharmacist' }).map((w) => w.course.id);
    expect(nursingWays).not.toContain('qnis-leadership');
    const england = { role: 'clinician' as const, place: 'england', time: 'long' as const };
    expect(ids({ ...england, profession: 'nurse' })).toContain('qni-aspiring-leaders');
    expect(ids({ ...england, profession: 'healthcare-assistant' })).not.toContain('qni-aspiring-leaders');
  });

  it('says "made for GPs; open to you" to a practice manager, and never "free" when it is free only for some', () => {
    const all = suggestCourses(content, { role: 'manager', place: 'england', time: 'long', limit: 50 });
    const rcgp = all.find((s) => s.course.id === 'rcgp-leadership-framework');
    expect(rcgp?.why).toMatch(/^made for GPs; open to you/);
    const gp = suggestCourses(content, { role: 'gp', place: 'england', time: 'long', limit: 50 });
    expect(gp.find((s) => s.course.id === 'rcgp-leadership-framework')?.why).toMatch(/^made for GPs/);
    const ihi = all.find((s) => s.course.id === 'ihi-open-school');
    expect(ihi?.reasons).not.toContain('free');
    expect(ihi?.reasons).toContain('free for some; check yours');
  });
});
