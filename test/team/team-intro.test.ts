/**
 * The team introduction says when the first team nudge comes with its weekday, date, time and zone
 * (a bare "Monday at 09:00", sent on a Monday, could mean today or next week), and a re-added bot
 * whose team has had nudges says "the next one", never "the first one".
 */
import { teamScheduleText } from '../../src/team/team-intro';
import type { TeamRecord } from '../../src/domain';

const team = (over: Partial<TeamRecord> = {}): Pick<TeamRecord, 'settings' | 'nextDueAt' | 'history'> => ({
  settings: { enabled: true, day: 'mon', time: '09:00', timeZone: 'Europe/London', channelId: '19:general' },
  nextDueAt: '2026-12-07T09:00:00.000Z',
  history: { seen: [], notUseful: [], sentCount: 0 },
  ...over,
});

describe('the team introduction', () => {
  it('states the first team nudge with weekday, date, time and zone', () => {
    expect(teamScheduleText(team())).toBe(
      'The first one comes on Monday 7 December 2026, 09:00 (Europe/London), then every Monday at 09:00.',
    );
  });

  it('says "the next one" when the team has already had team nudges (the bot re-added)', () => {
    const text = teamScheduleText(team({ history: { seen: ['t1'], notUseful: [], sentCount: 3 } }));
    expect(text).toMatch(/^The next one comes on Monday 7 December 2026, 09:00 \(Europe\/London\)/);
    expect(text).not.toMatch(/first/i);
  });

  it('says team nudges are off when they are', () => {
    const off = team();
    off.settings = { ...off.settings, enabled: false };
    expect(teamScheduleText(off)).toMatch(/Team nudges are off/);
  });
});
