import { kindForProfession, kindsFor } from '../../src/portfolio';

describe('the document that fits a person', () => {
  it('offers a GP appraisal notes first, and appraisal notes with a development plan', () => {
    expect(kindsFor('gp')).toEqual(['gp-appraisal', 'appraisal']);
  });

  it('offers a clinician the choice of register when the profession is unknown', () => {
    expect(kindsFor('clinician')).toEqual(['nmc', 'gphc', 'hcpc', 'appraisal']);
  });

  it('reads a finer profession from the settings when there is one', () => {
    expect(kindsFor('clinician', 'nurse')).toEqual(['nmc', 'appraisal']);
    expect(kindsFor('clinician', 'nursing-associate')).toEqual(['nmc', 'appraisal']);
    expect(kindsFor('clinician', 'pharmacist')).toEqual(['gphc', 'appraisal']);
    expect(kindsFor('clinician', 'Physiotherapist')).toEqual(['hcpc', 'appraisal']);
    expect(kindsFor('clinician', 'ahp')).toEqual(['hcpc', 'appraisal']);
    expect(kindForProfession('healthcare assistant')).toBeUndefined();
    expect(kindForProfession(42)).toBeUndefined();
  });

  it('offers practice managers, reception and everyone else only appraisal notes (no regulator)', () => {
    for (const role of ['manager', 'reception', 'other'] as const)
      expect(kindsFor(role, 'nurse')).toEqual(['appraisal']);
  });
});
