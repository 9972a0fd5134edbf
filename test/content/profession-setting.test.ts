import { loadContent } from '../../src/content/load';
import { ConversationError } from '../../src/conversation/errors';
import { validatePreferences } from '../../src/conversation/settings';
import { nudgeViewFor } from '../../src/conversation/nudge-view';
import type { Preferences } from '../../src/domain';

const content = loadContent();
const deps = { content };
const current: Preferences = {
  role: 'clinician',
  timeZone: 'Europe/London',
  day: 'mon',
  time: '09:00',
  frequency: 'weekly',
  focus: [],
};

describe('the profession on the settings form', () => {
  it('keeps a profession for a nurse or other clinician, and clears it with "Not set" or another role', () => {
    expect(validatePreferences(deps, { profession: 'pharmacist' }, current).profession).toBe('pharmacist');
    const pharmacist = { ...current, profession: 'pharmacist' };
    expect(validatePreferences(deps, { profession: 'not-set' }, pharmacist).profession).toBeUndefined();
    expect(validatePreferences(deps, { role: 'manager' }, pharmacist).profession).toBeUndefined();
    expect(validatePreferences(deps, {}, pharmacist).profession).toBe('pharmacist');
  });

  it('refuses a profession that is not on the list, with a clear message', () => {
    let error: unknown;
    try {
      validatePreferences(deps, { profession: 'wizard' }, current);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConversationError);
    expect((error as ConversationError).fieldErrors).toEqual(['Profession: choose from the list, or "Not set".']);
  });

  it('shows the card in the person’s nation: a manager in Northern Ireland reads Northern Ireland’s law', () => {
    const nudge = content.nudges.find((n) => n.id === 'equality-08')!;
    const ni = nudgeViewFor(deps, nudge, 'd1', { role: 'manager', place: 'northern-ireland' });
    expect(ni.whyShort).toMatch(/Northern Ireland/);
    expect(`${ni.whyShort} ${ni.whyMore}`).not.toMatch(/Equality Act/);
    const gb = nudgeViewFor(deps, nudge, 'd1', { role: 'manager', place: 'wales' });
    expect(gb.whyShort).toMatch(/Equality Act 2010/);
  });
});
