/**
 * One date and time style per reader: a person on an en-GB client reads 24-hour times and
 * day-month-year everywhere, one on en-US reads US style throughout, never both in one sentence;
 * the settings card offers only times that are saved as shown. The first card after "Start my
 * nudges" says the nudges have started and what the chosen focus does.
 */
import {
  installActivity,
  messageActivity,
  person,
  startNudgesActivity,
  type ActivityJson,
} from '../support/activities';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';

const fromTeams = (timezone: string, locale: string): ActivityJson => ({
  locale,
  entities: [{ type: 'clientInfo', locale, country: 'GB', platform: 'Web', timezone }],
});

interface Node {
  type?: string;
  id?: string;
  choices?: { title: string; value: string }[];
}
const nodes = (card: unknown, found: Node[] = []): Node[] => {
  if (Array.isArray(card)) card.forEach((c) => nodes(c, found));
  else if (card && typeof card === 'object') {
    found.push(card as Node);
    Object.values(card).forEach((v) => nodes(v, found));
  }
  return found;
};

/** Tuesday 1 December 2026, 10:00 UTC. */
const NOW = new Date('2026-12-01T10:00:00Z');

describe('one date and time style per reader', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: () => NOW });
  });
  afterAll(async () => h.close());

  async function start(n: number, zone: string, locale: string, prefs: Record<string, unknown> = {}) {
    const p = person(n);
    await h.post({ ...installActivity(p, h.connector.url), ...fromTeams(zone, locale) });
    const res = await h.post({
      ...startNudgesActivity(p, h.connector.url, { timeZone: zone, ...prefs }),
      ...fromTeams(zone, locale),
    });
    return { p, text: cardText((res.body as { value: unknown }).value) };
  }

  it('en-GB: the Start confirmation is 24-hour and day-month-year, titled as a start, and names the focus', async () => {
    const { text } = await start(9301, 'Europe/London', 'en-GB', { focus: 'compassion' });
    expect(text).toMatch(/^Your nudges have started/);
    expect(text).not.toMatch(/Settings saved/);
    expect(text).toContain('on Mondays at 09:00 (Europe/London)');
    expect(text).toContain('Your next nudge: Monday 7 December 2026, 09:00 (Europe/London).');
    expect(text).toMatch(/Your focus: "[^"]+"\. Your nudges will be about it/);
    expect(text).not.toMatch(/\b(AM|PM)\b/);
  });

  it('en-US: the same sentence in US style throughout, with no 24-hour time in it', async () => {
    const { text } = await start(9302, 'America/New_York', 'en-US');
    expect(text).toMatch(/on Mondays at 9:00\sAM \(America\/New_York\)/);
    expect(text).toMatch(/Your next nudge: Monday, December 7, 2026(,| at) 9:00\sAM \(America\/New_York\)/);
    expect(text).not.toMatch(/09:00/);
    expect(text).toMatch(/No focus chosen, so your nudges rotate through all \d behaviours/);
  });

  it("the settings card offers a list of times in the reader's style, each saved exactly as offered", async () => {
    for (const [n, zone, locale, title] of [
      [9303, 'Europe/London', 'en-GB', /^19:00$/],
      [9304, 'America/New_York', 'en-US', /^7:00\sPM$/],
    ] as const) {
      const { p } = await start(n, zone, locale);
      const settings = { ...messageActivity(p, h.connector.url, 'settings'), ...fromTeams(zone, locale) };
      await h.post(settings);
      // The reply to this message (Start's card update can land after it).
      const card = cardOf(h.connector.sentTo(p.conversationId).find((a) => a.activityId === settings.id));
      expect(nodes(card).some((x) => x.type === 'Input.Time')).toBe(false);
      const time = nodes(card).find((x) => x.id === 'time');
      expect(time?.type).toBe('Input.ChoiceSet');
      expect(time?.choices?.find((c) => c.value === '19:00')?.title).toMatch(title);
      expect(time?.choices?.every((c) => /^\d\d:\d\d$/.test(c.value) && c.value <= '19:00')).toBe(true);
    }
  });
});
