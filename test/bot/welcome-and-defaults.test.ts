/**
 * A person's defaults come from what Teams tells us (the clientInfo entity's time zone, else the
 * activity's localTimezone, else DEFAULT_TIMEZONE) on every path: install, a first message, and a
 * message after "delete my data". The welcome form asks for the role instead of defaulting it.
 */
import { VERBS } from '../../src/cards/verbs';
import {
  cardActionActivity,
  installActivity,
  messageActivity,
  person,
  type ActivityJson,
  type Person,
  startNudgesActivity,
} from '../support/activities';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';
import { openTestStore, STORE_KINDS } from '../support/stores';

const fromTeams = (timezone: string | undefined, locale = 'en-IE'): ActivityJson => ({
  localTimezone: undefined,
  locale,
  entities: timezone ? [{ type: 'clientInfo', locale, country: 'IE', platform: 'Web', timezone }] : [],
});

interface Node {
  id?: string;
  value?: unknown;
  isRequired?: boolean;
}
const inputs = (card: unknown, found: Node[] = []): Node[] => {
  if (Array.isArray(card)) card.forEach((c) => inputs(c, found));
  else if (card && typeof card === 'object') {
    if ('id' in card) found.push(card as Node);
    Object.values(card).forEach((v) => inputs(v, found));
  }
  return found;
};

describe.each(STORE_KINDS)('defaults from Teams (%s store)', (kind) => {
  let h: Harness;
  let clockShiftMs = 0;
  beforeAll(async () => {
    h = await startHarness({ store: openTestStore(kind), now: () => new Date(Date.now() + clockShiftMs) });
  });
  afterAll(async () => h.close());

  const zoneOf = async (p: Person) => (await h.app.store.users.get(p.aadObjectId, p.aadObjectId))?.prefs.timeZone;
  async function send(p: Person, text: string, extra: ActivityJson): Promise<Record<string, unknown>[]> {
    const before = h.connector.sentTo(p.conversationId).length;
    await h.post({ ...messageActivity(p, h.connector.url, text), ...extra });
    return h.connector.sentTo(p.conversationId).slice(before).map(cardOf);
  }

  it('welcomes with the time zone Teams sends and no role chosen; the role is required', async () => {
    const p = person(7001);
    await h.post({ ...installActivity(p, h.connector.url), ...fromTeams('Europe/Dublin') });
    const welcome = cardOf(h.connector.sentTo(p.conversationId)[0]);
    const fields = inputs(welcome);
    expect(fields.find((f) => f.id === 'timeZone')?.value).toBe('Europe/Dublin');
    expect(fields.find((f) => f.id === 'role')).toMatchObject({ value: '', isRequired: true });
    expect(await zoneOf(p)).toBe('Europe/Dublin');
  });

  it('refuses "Start my nudges" without a role, saying what to choose', async () => {
    const p = person(7002);
    await h.post(installActivity(p, h.connector.url));
    const res = await h.post(
      cardActionActivity(p, h.connector.url, VERBS.settingsSave, { day: 'mon', time: '09:00', frequency: 'weekly' }),
    );
    const text = cardText((res.body as { value: unknown }).value);
    expect(text).toMatch(/Role: choose the role closest to yours from the list/);
    expect((await h.app.store.users.get(p.aadObjectId, p.aadObjectId))?.onboarded).toBe(false);
  });

  it('follows Teams’ time zone until the person saves settings, then keeps theirs', async () => {
    const p = person(7003);
    await h.post({ ...installActivity(p, h.connector.url), ...fromTeams(undefined) });
    expect(await zoneOf(p)).toBe(h.config.defaultTimeZone);
    await send(p, 'help', fromTeams('Europe/Paris'));
    expect(await zoneOf(p)).toBe('Europe/Paris');
    await h.post(startNudgesActivity(p, h.connector.url));
    await send(p, 'help', fromTeams('Europe/Paris'));
    expect(await zoneOf(p)).toBe('Europe/London');
  });

  it('after "delete my data", a new message starts again from what Teams tells us, never a fixed UTC', async () => {
    const p = person(7004);
    await h.post({ ...installActivity(p, h.connector.url), ...fromTeams('Europe/Dublin') });
    await send(p, 'delete my data', fromTeams('Europe/Dublin'));
    await h.post(cardActionActivity(p, h.connector.url, VERBS.dataDeleteConfirm, {}));
    expect(await h.app.store.users.get(p.aadObjectId, p.aadObjectId)).toBeUndefined();
    const cards = await send(p, 'hello', fromTeams('Europe/Dublin'));
    expect(await zoneOf(p)).toBe('Europe/Dublin');
    const welcome = cards.find((c) => inputs(c).some((f) => f.id === 'timeZone'));
    expect(inputs(welcome).find((f) => f.id === 'timeZone')?.value).toBe('Europe/Dublin');

    const q = person(7005);
    await send(q, 'hello', fromTeams(undefined));
    expect(await zoneOf(q)).toBe(h.config.defaultTimeZone);
  });

  it('writes dates in the variant of English the Teams client uses, following it when it changes', async () => {
    const p = person(7007);
    await h.post({ ...installActivity(p, h.connector.url), ...fromTeams('America/New_York', 'en-US') });
    await h.post({
      ...startNudgesActivity(p, h.connector.url, { timeZone: 'America/New_York' }),
      ...fromTeams('America/New_York', 'en-US'),
    });
    const localeOf = async () => (await h.app.store.users.get(p.aadObjectId, p.aadObjectId))?.prefs.locale;
    expect(await localeOf()).toBe('en-US'); // saving settings keeps it: it is not on the form

    const us = (await send(p, 'pause 2 weeks', fromTeams('America/New_York', 'en-US'))).map(cardText).join('\n');
    expect(us).toMatch(/No nudges until \w+day, \w+ \d{1,2}, \d{4}(,| at) \d{1,2}:\d\d\s[AP]M \(America\/New_York\)/);

    // The same person on a client set to Welsh: the bot writes English, so dates read as en-GB.
    const cy = (await send(p, 'pause 3 weeks', fromTeams('America/New_York', 'cy-GB'))).map(cardText).join('\n');
    expect(await localeOf()).toBe('cy-GB');
    expect(cy).toMatch(/No nudges until \w+day \d{1,2} \w+ \d{4}, \d\d:\d\d \(America\/New_York\)/);
  });

  it('someone who reopens the chat without having started gets a short "I\'m here: type help"; someone who started gets nothing', async () => {
    const p = person(7006);
    await h.post(installActivity(p, h.connector.url));
    expect(h.connector.sentTo(p.conversationId)).toHaveLength(1); // the welcome
    clockShiftMs += 60 * 60_000; // an hour later: not the same install's second event
    await h.post(installActivity(p, h.connector.url)); // the chat opened again after a restart
    const reopened = h.connector
      .sentTo(p.conversationId)
      .slice(1)
      .map((a) => cardText(cardOf(a)));
    expect(reopened).toEqual([expect.stringMatching(/I'm here: type help[\s\S]*Type \*\*help\*\*/)]);
    await h.post(startNudgesActivity(p, h.connector.url, { role: 'clinician', day: 'tue' }));
    // New messages only (the bot also PUTs the saved-settings card over the welcome, after the turn).
    const posted = () => h.connector.sentTo(p.conversationId).filter((a) => a.method === 'POST').length;
    const before = posted();
    await h.post(installActivity(p, h.connector.url));
    expect(posted()).toBe(before);
  });
});
