import { cardActionActivity, installActivity, person, type Person } from '../support/activities';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';
import { storeFor, type StoreKind } from '../team/test-stores';

const DAY_MS = 86_400_000;
const WEDNESDAY = new Date('2026-11-25T10:00:00.000Z');

describe.each<StoreKind>(['embedded', 'cosmos'])(
  'consent first for personal installs, e.g. an admin setup policy (%s store)',
  (kind) => {
    let h: Harness;
    let clock = WEDNESDAY;
    const staff: Person[] = [1, 2, 3].map((n) => person(820 + n));
    const [starter, quiet, other] = staff as [Person, Person, Person];
    const messagesTo = (p: Person) => h.connector.sentTo(p.conversationId).filter((a) => a.method === 'POST');
    const tickAt = (at: Date) => {
      clock = at;
      return h.app.delivery.tick();
    };

    beforeAll(async () => {
      h = await startHarness({ store: storeFor(kind), now: () => clock });
    });
    afterAll(async () => {
      await h.close();
    });

    it('welcomes each install event once, and sends no weekly nudge to anyone who has not pressed Start', async () => {
      for (const p of staff) {
        expect((await h.post(installActivity(p, h.connector.url))).status).toBe(200);
        // Teams may deliver the same install event twice: still one welcome.
        expect((await h.post(installActivity(p, h.connector.url))).status).toBe(200);
      }
      for (const p of staff) {
        expect(messagesTo(p)).toHaveLength(1);
        expect(cardText(cardOf(messagesTo(p)[0]))).toMatch(/Start my nudges/);
      }
      await tickAt(new Date('2026-11-30T10:30:00.000Z')); // Monday after the default slot (09:00-09:59)
      for (const p of staff) expect(messagesTo(p)).toHaveLength(1);
    });

    it('starts weekly nudges when the welcome form is saved ("Start my nudges")', async () => {
      const res = await h.post(
        cardActionActivity(starter, h.connector.url, 'settings.save', {
          source: 'welcome',
          role: 'gp',
          day: 'tue',
          time: '09:00',
          timeZone: 'Europe/London',
          frequency: 'weekly',
        }),
      );
      expect(res.status).toBe(200);
      await tickAt(new Date('2026-12-01T09:05:00.000Z'));
      expect(messagesTo(starter)).toHaveLength(2);
      expect(messagesTo(starter)[1]?.body.summary).toMatch(/^This week:/);
      expect(messagesTo(quiet)).toHaveLength(1);
    });

    it('sends one gentle reminder a week after the welcome, then nothing more', async () => {
      await tickAt(new Date(WEDNESDAY.getTime() + 7 * DAY_MS + 60_000));
      await h.app.delivery.tick();
      for (const p of [quiet, other]) {
        expect(messagesTo(p)).toHaveLength(2);
        expect(cardText(cardOf(messagesTo(p)[1]))).toMatch(/only reminder/);
      }
      await tickAt(new Date(WEDNESDAY.getTime() + 28 * DAY_MS));
      for (const p of [quiet, other]) expect(messagesTo(p)).toHaveLength(2);
      const reminders = (await h.app.store.deliveries.query({})).filter((d) => d.kind === 'reminder');
      expect(reminders.map((d) => d.id).sort()).toEqual(
        [quiet, other].map((p) => `reminder|${p.tenantId}|${p.aadObjectId}`).sort(),
      );
    });
  },
);
