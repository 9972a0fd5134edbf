import { ROLES } from '../../src/domain';
import { checkContent, loadContent } from '../../src/content/load';
import {
  MIN_NUDGES_FOR_EVERYONE,
  MIN_NUDGES_ONLY_FOR_ROLE,
  MIN_NUDGES_PER_BEHAVIOUR,
  ROLES_WITH_OWN_NUDGES,
  isForEveryone,
} from '../../src/content/coverage';
import { BEHAVIOUR_IDS } from '../../src/content/types';

const content = loadContent();

describe('shipped content', () => {
  it('passes validation with no problems', () => {
    expect(checkContent()).toMatchObject({ ok: true, problems: [] });
  });

  it('has the seven behaviours in the order the code knows them', () => {
    expect(content.behaviours.map((b) => b.id)).toEqual(BEHAVIOUR_IDS);
  });

  it('has every role, and a title and examples for each', () => {
    expect(content.roles.map((r) => r.id)).toEqual(ROLES);
    for (const r of content.roles) expect(r.examples.length).toBeGreaterThan(5);
  });

  it("turns the 38 rows of courses.tsv (checked 2026-11) and the other nations' offers from courses-nations.tsv (checked 2026-12) into catalogue entries", () => {
    expect(content.courses.filter((c) => c.checked === '2026-11')).toHaveLength(38);
    const nations = content.courses.filter((c) => c.checked === '2026-12');
    expect(nations.length).toBeGreaterThanOrEqual(40);
    for (const place of ['wales', 'scotland', 'northern-ireland', 'england:london', 'england:north-west'])
      expect(nations.some((c) => c.places.includes(place))).toBe(true);
    for (const c of content.courses) {
      expect(c.places.length).toBeGreaterThan(0);
      expect(c.eligibility.length).toBeGreaterThan(5);
    }
  });

  it.each(BEHAVIOUR_IDS)(
    'gives behaviour "%s" a set for everyone and at least two nudges written only for each of the five roles',
    (behaviour) => {
      const mine = content.nudges.filter((n) => n.behaviour === behaviour);
      expect(mine.length).toBeGreaterThanOrEqual(Math.max(15, MIN_NUDGES_PER_BEHAVIOUR));
      expect(mine.filter((n) => isForEveryone(n.roles)).length).toBeGreaterThanOrEqual(MIN_NUDGES_FOR_EVERYONE);
      for (const role of ROLES_WITH_OWN_NUDGES) {
        const only = mine.filter((n) => n.roles.length === 1 && n.roles[0] === role);
        expect({ role, count: only.length }).toEqual({ role, count: expect.any(Number) });
        expect(only.length).toBeGreaterThanOrEqual(MIN_NUDGES_ONLY_FOR_ROLE);
      }
      for (const n of mine) expect(n.roles.length === 1 || isForEveryone(n.roles)).toBe(true);
    },
  );

  it('gives the "other" role (link workers, care coordinators, coaches) its own nudges as well as the everyone set', () => {
    expect(ROLES_WITH_OWN_NUDGES).toEqual(ROLES);
    const forOther = content.nudges.filter((n) => n.roles.includes('other'));
    expect(forOther.filter((n) => isForEveryone(n.roles)).length).toBeGreaterThanOrEqual(7 * MIN_NUDGES_FOR_EVERYONE);
    for (const behaviour of BEHAVIOUR_IDS) {
      const only = forOther.filter((n) => n.behaviour === behaviour && n.roles.length === 1);
      expect({ behaviour, enough: only.length >= MIN_NUDGES_ONLY_FOR_ROLE }).toEqual({ behaviour, enough: true });
    }
    for (const n of forOther) expect(n.roles.length === 1 || isForEveryone(n.roles)).toBe(true);
  });

  it('gives every nudge a source with the text that backs its "why", and no claim the review found wrong', () => {
    for (const n of content.nudges) {
      expect(n.source.url).toMatch(/^https:\/\//);
      expect(n.source.supports.length).toBeGreaterThan(20);
    }
    const all = content.nudges.map((n) => `${n.why} ${n.action} ${JSON.stringify(n.source)}`).join(' ');
    expect(all).not.toMatch(/caring duties or faith\) are a legal duty/);
    expect(all).not.toMatch(/Health Education England(?! London\))/);
    const eq05 = content.nudges.find((n) => n.id === 'equality-05');
    expect(eq05?.why).toMatch(/NHS Improvement/);
    expect(eq05?.source.url).not.toMatch(/kingsfund/);
    const eq08 = content.nudges.find((n) => n.id === 'equality-08');
    expect(eq08?.why).toMatch(/disabled/);
    const hlmUses = content.nudges.filter((n) => n.source.url.includes('healthcare-leadership-model'));
    for (const n of hlmUses) expect(n.why).toMatch(/Healthcare Leadership Model/);
  });

  it('signposts speaking up and wellbeing support where a nudge touches them, in every nation', () => {
    for (const id of ['values-04', 'followership-04', 'compassion-09', 'compassion-05'])
      expect(content.nudges.find((n) => n.id === id)?.signpost).toBeDefined();
    for (const s of content.signposting ?? []) {
      expect(s.wales).not.toEqual(s.england);
      expect(s.scotland).not.toEqual(s.england);
      expect(s['northern-ireland']).not.toEqual(s.england);
    }
    expect(content.signposting?.map((s) => s.topic).sort()).toEqual(['abuse', 'speaking-up', 'wellbeing']);
  });

  it('mentions NMC or GPhC reflection (not only the GMC) where nurses and pharmacists are asked to reflect', () => {
    const clinicianReflection = content.nudges.filter(
      (n) => n.roles.includes('clinician') && /revalidation|reflective account/i.test(n.why),
    );
    expect(clinicianReflection.length).toBeGreaterThan(0);
    for (const n of clinicianReflection) expect(`${n.why} ${n.source.url}`).toMatch(/NMC|nmc|GPhC|pharmacyregulation/);
  });

  it('never sends a nudge phrased for clinicians to reception staff', () => {
    const clinicalWords = /\b(consultation|my clinic|referral|prescrib|clinician who|my patients)\w*/i;
    const clinical = content.nudges.filter((n) => clinicalWords.test(`${n.title} ${n.reflection} ${n.action}`));
    expect(clinical.length).toBeGreaterThan(0);
    for (const n of clinical)
      expect({ id: n.id, roles: n.roles }).toEqual({ id: n.id, roles: expect.not.arrayContaining(['reception']) });
  });

  it('phrases every reflection as a self-question and every action as an if-then plan', () => {
    for (const n of content.nudges) {
      expect(n.reflection).toMatch(/\b(I|me|my)\b.*\?$/);
      expect(n.action).toMatch(/^If .+, then I will .+/);
    }
  });

  it("gives every nudge its behaviour's core poll (3 to 5 options), one poll id per behaviour", () => {
    const pollIds = content.behaviours.map((b) => b.poll.id);
    expect(new Set(pollIds).size).toBe(pollIds.length);
    for (const n of content.nudges) expect(n.poll.id).toBe(`${n.behaviour}-core`);
    for (const n of content.nudges) {
      expect(n.poll.options.length).toBeGreaterThanOrEqual(3);
      expect(n.poll.options.length).toBeLessThanOrEqual(5);
    }
  });

  it('uses only https links', () => {
    const urls = [...content.courses.map((c) => c.url), ...content.nudges.map((n) => n.source.url)];
    for (const url of urls) expect(url).toMatch(/^https:\/\//);
  });

  it('gives every mentoring, coaching, networking, action-learning or QI entry that can be offered a next step', () => {
    const ways = ['mentoring', 'coaching', 'networking', 'action-learning', 'quality-improvement'];
    const needing = content.courses.filter(
      (c) => c.ways.some((w) => ways.includes(w)) && c.status !== 'closed' && c.status !== 'historic',
    );
    expect(needing.length).toBeGreaterThan(10);
    for (const c of needing) expect(c.nextStep).toMatch(/\w{3,}/);
  });
});
