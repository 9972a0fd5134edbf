import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness, type Harness } from '../support/bot-harness';
import type { ActivityJson } from '../support/activities';
import { TEAMS_EVENT_TYPES, canonicalEventType } from '../../src/bot/event-types';

const FIXTURES = join(__dirname, '..', 'fixtures', 'conversation-events');
const TEAM = '19:0ca1c7b1e2f34a8b9c0d1e2f3a4b5c6d@thread.tacv2';
const SELECTED_CHANNEL = '19:6f3a9c1d2b4e4f5a8c7d9e0f1a2b3c4d@thread.tacv2';
const OTHER_CHANNEL = '19:99999999999999999999999999999999@thread.tacv2';

/**
 * Team events Microsoft documents that the bot must not miss: a restored nudge channel, and the event
 * types in the casing Learn's examples use (`teamrestored`) as well as botbuilder's (`teamRestored`).
 */
describe('team events: a restored channel, and event types in any casing', () => {
  let h: Harness;
  let clock = new Date('2026-11-26T10:00:00.000Z'); // a Thursday; team nudges go out Mondays 09:00
  let n = 0;
  const event = (name: string, change: (a: ActivityJson) => void = () => undefined): ActivityJson => {
    const a = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as ActivityJson;
    change(a);
    return { ...a, serviceUrl: h.connector.url, id: `${String(a.id)}-${n++}` };
  };
  const post = async (name: string, change?: (a: ActivityJson) => void) =>
    expect((await h.post(event(name, change))).status).toBe(200);
  const withEventType = (eventType: string) => (a: ActivityJson) => {
    (a.channelData as { eventType: string }).eventType = eventType;
  };
  const inChannel = (id: string) => (a: ActivityJson) => {
    (a.channelData as { channel: { id: string } }).channel.id = id;
  };
  const team = () => h.app.store.teams.get(TEAM, TEAM);
  const nextMonday = async () => {
    const day = new Date(clock);
    do day.setUTCDate(day.getUTCDate() + 1);
    while (day.getUTCDay() !== 1);
    clock = new Date(`${day.toISOString().slice(0, 10)}T09:00:30.000Z`);
    const before = h.connector.activities.length;
    await h.app.delivery.tick(clock);
    return h.connector.activities.slice(before).filter((a) => a.conversationId.startsWith('19:'));
  };

  beforeAll(async () => {
    h = await startHarness({ now: () => clock });
    await post('team-member-added-bot');
  });
  afterAll(async () => h.close());

  it('channelRestored of the nudge channel starts the nudges again there', async () => {
    await post('channel-deleted');
    expect(await team()).toMatchObject({ status: 'removed', stoppedBy: 'channel_deleted' });
    await post('channel-restored', inChannel(OTHER_CHANNEL)); // another channel: no change
    expect((await team())?.status).toBe('removed');
    await post('channel-restored');
    expect((await team())?.status).toBe('active');
    expect((await team())?.stoppedBy).toBeUndefined();
    expect((await nextMonday()).map((a) => a.conversationId)).toEqual([SELECTED_CHANNEL]);
  });

  it('channelRestored does not undo an archive, and a restored team the bot was taken out of stays stopped', async () => {
    await post('team-archived');
    await post('channel-restored');
    expect(await team()).toMatchObject({ status: 'removed', stoppedBy: 'archived' });
    await post('team-unarchived');
    expect((await team())?.status).toBe('active');
    await post('team-member-removed-bot');
    await post('team-restored');
    expect(await team()).toMatchObject({ status: 'removed', stoppedBy: 'removed' });
    expect(await nextMonday()).toHaveLength(0);
    await post('team-member-added-bot');
    expect((await team())?.status).toBe('active');
  });

  it('teamrestored, as Learn spells it, restores the team like teamRestored', async () => {
    await post('team-deleted');
    expect((await team())?.status).toBe('removed');
    await post('team-restored-lower-case');
    expect((await team())?.status).toBe('active');
    expect((await nextMonday()).map((a) => a.conversationId)).toEqual([SELECTED_CHANNEL]);
  });

  it.each([
    ['teamarchived', 'TEAMUNARCHIVED', 'team-archived', 'team-unarchived'],
    ['TeamDeleted', 'teamrestored', 'team-deleted', 'team-restored'],
    ['channeldeleted', 'ChannelRestored', 'channel-deleted', 'channel-restored'],
  ])('%s stops and %s resumes the team nudges', async (stop, resume, stopFixture, resumeFixture) => {
    await post(stopFixture, withEventType(stop));
    expect((await team())?.status).toBe('removed');
    await post(resumeFixture, withEventType(resume));
    expect((await team())?.status).toBe('active');
  });

  it('knows each documented event type in botbuilder casing, and leaves unknown ones alone', () => {
    for (const t of TEAMS_EVENT_TYPES) {
      expect(canonicalEventType(t.toLowerCase())).toBe(t);
      expect(canonicalEventType(t.toUpperCase())).toBe(t);
    }
    expect(canonicalEventType('somethingNew')).toBe('somethingNew');
  });
});
