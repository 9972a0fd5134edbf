import { loadContent } from '../../src/content/load';
import { findBehaviour, nudgesForRole, offerableCourses, statusLabel } from '../../src/content/catalogue';

const content = loadContent();
const course = (id: string) => {
  const c = content.courses.find((x) => x.id === id);
  if (!c) throw new Error(`no course ${id}`);
  return c;
};

describe('findBehaviour', () => {
  it.each([
    ['compassion', 'compassion'],
    ['patient-centre', 'patient-centre'],
    ['patient', 'patient-centre'],
    ['Patients', 'patient-centre'],
    ['  EQUALITY ', 'equality'],
    ['kindness', 'compassion'],
    ['diversity', 'equality'],
    ['followers', 'followership'],
    ['funding', 'context'],
    ['improvement', 'vision'],
  ])('finds %p as %p', (word, id) => {
    expect(findBehaviour(content, word)?.id).toBe(id);
  });

  it.each(['', 'banana', 'x'])('finds nothing for %p', (word) => {
    expect(findBehaviour(content, word)).toBeUndefined();
  });
});

describe('nudgesForRole', () => {
  it('gives reception staff no clinician-only nudge, and every role, "other" included, the same number', () => {
    const reception = nudgesForRole(content, 'reception');
    expect(reception.every((n) => n.roles.includes('reception'))).toBe(true);
    expect(reception.map((n) => n.id)).not.toContain('patient-centre-06');
    for (const role of ['gp', 'clinician', 'manager', 'other'] as const)
      expect(nudgesForRole(content, role)).toHaveLength(reception.length);
    expect(nudgesForRole(content, 'other').filter((n) => n.roles.length === 1)).toHaveLength(14);
  });

  it('never routes a nudge written for one role to another role', () => {
    for (const role of ['gp', 'clinician', 'manager', 'reception', 'other'] as const) {
      for (const n of nudgesForRole(content, role)) {
        if (n.roles.length === 1) expect({ id: n.id, role: n.roles[0] }).toEqual({ id: n.id, role });
      }
    }
  });
});

describe('offerableCourses and statusLabel', () => {
  it('never offers closed or historic entries but keeps them in the data', () => {
    const offerable = offerableCourses(content).map((c) => c.id);
    for (const id of ['looking-after-you', 'time-for-care', 'pm-development-gpfv']) {
      expect(content.courses.map((c) => c.id)).toContain(id);
      expect(offerable).not.toContain(id);
    }
    expect(offerable).toHaveLength(content.courses.length - 5);
  });

  it('labels a non-current entry and leaves a current one unlabelled', () => {
    expect(statusLabel(course('mary-seacole'))).toBe('Paused nationally');
    expect(statusLabel(course('gp-fellowship'))).toBe('Check funding locally');
    expect(statusLabel(course('amspar-l5'))).toBe('Check it is still running');
    expect(statusLabel(course('edward-jenner'))).toBeUndefined();
  });
});
