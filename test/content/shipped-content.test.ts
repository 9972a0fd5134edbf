import { ROLES } from '../../src/domain';
import { checkContent, loadContent } from '../../src/content/load';
import { MIN_NUDGES_PER_BEHAVIOUR, MIN_NUDGES_PER_BEHAVIOUR_AND_ROLE } from '../../src/content/coverage';
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

  it('turns all 38 rows of courses.tsv into catalogue entries checked in 2026-11', () => {
    expect(content.courses).toHaveLength(38);
    expect(new Set(content.courses.map((c) => c.checked))).toEqual(new Set(['2026-11']));
  });

  it.each(BEHAVIOUR_IDS)('gives behaviour "%s" at least 9 nudges and at least 4 for every role', (behaviour) => {
    const mine = content.nudges.filter((n) => n.behaviour === behaviour);
    expect(mine.length).toBeGreaterThanOrEqual(Math.max(9, MIN_NUDGES_PER_BEHAVIOUR));
    for (const role of ROLES) {
      expect(mine.filter((n) => n.roles.includes(role)).length).toBeGreaterThanOrEqual(
        MIN_NUDGES_PER_BEHAVIOUR_AND_ROLE,
      );
    }
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

  it('gives every poll 3 to 5 options and an id unique across all nudges', () => {
    const pollIds = content.nudges.map((n) => n.poll.id);
    expect(new Set(pollIds).size).toBe(pollIds.length);
    for (const n of content.nudges) {
      expect(n.poll.options.length).toBeGreaterThanOrEqual(3);
      expect(n.poll.options.length).toBeLessThanOrEqual(5);
    }
  });

  it('uses only https links', () => {
    const urls = [
      ...content.courses.map((c) => c.url),
      ...content.nudges.flatMap((n) => (n.source ? [n.source.url] : [])),
    ];
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
