import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cardText, cardOf, startHarness, type Harness } from '../support/bot-harness';
import type { ActivityJson } from '../support/activities';

const FIXTURES = join(__dirname, '..', 'fixtures', 'conversation-events');
const TEAM = '19:0ca1c7b1e2f34a8b9c0d1e2f3a4b5c6d@thread.tacv2';
const SELECTED_CHANNEL = '19:6f3a9c1d2b4e4f5a8c7d9e0f1a2b3c4d@thread.tacv2';
const USER = '00000000-0000-0000-0000-0000000000a1';
const PERSONAL = 'a:1personal-conversation-id';

/**
 * Microsoft's documented conversation and installation events (test/fixtures/conversation-events),
 * replayed through the real adapter and bot, with the connector double as Teams.
 */
describe('Teams conversation events, as Microsoft documents them', () => {
  let h: Harness;
  let clock = new Date('2026-11-26T10:00:00.000Z'); // a Thursday; team nudges go out Mondays 09:00
  let n = 0;
  const event = (name: string): ActivityJson => {
    const a = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as ActivityJson;
    return { ...a, serviceUrl: h.connector.url, id: `${String(a.id)}-${n++}` };
  };
  const post = async (name: string) => expect((await h.post(event(name))).status).toBe(200);
  const team = () => h.app.store.teams.get(TEAM, TEAM);
  const user = () => h.app.store.users.get(USER, USER);
  /** Runs the weekly tick at the next Monday 09:00:30 and returns what it posted in the team. */
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
  });
  afterAll(async () => h.close());

  describe('installationUpdate in personal scope', () => {
    it('add: welcomes the person and stores them', async () => {
      await post('installation-update-add');
      expect((await user())?.status).toBe('active');
      expect(h.connector.sentTo(PERSONAL)).toHaveLength(1);
      expect(cardText(cardOf(h.connector.sentTo(PERSONAL)[0]))).toMatch(/welcome/i);
    });

    it('add-upgrade and remove-upgrade are upgrades: the person stays installed and is not welcomed again', async () => {
      await post('installation-update-add-upgrade');
      await post('installation-update-remove-upgrade');
      expect((await user())?.status).toBe('active');
      expect(h.connector.sentTo(PERSONAL)).toHaveLength(1);
    });

    it('remove: only this is an uninstall', async () => {
      await post('installation-update-remove');
      expect((await user())?.status).toBe('uninstalled');
    });
  });

  describe('the bot in a team', () => {
    it('teamMemberAdded (the bot): the team nudges go to the channel the installer selected, not the General channel', async () => {
      await post('team-member-added-bot');
      const stored = await team();
      expect(stored).toMatchObject({ status: 'active', conversation: { conversationId: SELECTED_CHANNEL } });
      expect(stored?.settings.channelId).toBe(SELECTED_CHANNEL);
      expect(h.connector.sentTo(SELECTED_CHANNEL)).toHaveLength(1); // the introduction
      expect(h.connector.sentTo(TEAM)).toHaveLength(0);
      const posted = await nextMonday();
      expect(posted.map((a) => a.conversationId)).toEqual([SELECTED_CHANNEL]);
    });

    it('teamRenamed and channelCreated change nothing and send nothing', async () => {
      const before = await team();
      const sent = h.connector.activities.length;
      await post('team-renamed');
      await post('channel-created');
      expect(h.connector.activities).toHaveLength(sent);
      expect(await team()).toMatchObject({ status: 'active', conversation: before?.conversation });
    });

    it.each([
      ['team-archived', 'team-unarchived'],
      ['team-deleted', 'team-restored'],
    ])('%s stops the team nudges; %s starts them again in the same channel', async (stop, resume) => {
      await post(stop);
      expect((await team())?.status).toBe('removed');
      expect(await nextMonday()).toHaveLength(0);
      await post(resume);
      expect((await team())?.status).toBe('active');
      expect((await nextMonday()).map((a) => a.conversationId)).toEqual([SELECTED_CHANNEL]);
    });

    it('channelDeleted of the nudge channel stops the nudges (they never move to another channel by themselves)', async () => {
      await post('channel-deleted');
      expect((await team())?.status).toBe('removed');
      expect(await nextMonday()).toHaveLength(0);
    });

    it('adding the bot again (to the channel selected then) starts the nudges there', async () => {
      await post('team-member-added-bot');
      expect((await team())?.status).toBe('active');
      expect((await nextMonday()).map((a) => a.conversationId)).toEqual([SELECTED_CHANNEL]);
    });

    it.each(['team-member-removed-bot', 'installation-update-team-remove'])(
      'the bot removed from the team (%s) stops the nudges',
      async (removal) => {
        await post('team-member-added-bot');
        expect((await team())?.status).toBe('active');
        await post(removal);
        expect((await team())?.status).toBe('removed');
        expect(await nextMonday()).toHaveLength(0);
      },
    );

    it('installationUpdate add in a team is harmless next to the teamMemberAdded Teams also sends', async () => {
      await post('installation-update-team-add');
      await post('team-member-added-bot');
      expect(await team()).toMatchObject({ status: 'active', conversation: { conversationId: SELECTED_CHANNEL } });
    });
  });
});
