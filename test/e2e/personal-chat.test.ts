/**
 * End to end in Microsoft's Teams emulator: the real bot on a fresh embedded store, Microsoft 365
 * Agents Playground pointed at it, and headless Chromium driving the playground's page as a person
 * would. Each step asserts on what the page shows and saves a screenshot under test-results/e2e/.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { projectRoot } from '../../src/paths';
import { startBot, type E2eBot } from './support/bot';
import { launchBrowser, type E2eBrowser } from './support/browser';
import { ChatPage } from './support/chat-page';
import { startPlayground, type Playground } from './support/playground';

const OUT = join(projectRoot(), 'test-results', 'e2e', 'personal-chat');
const REFLECTION = 'I asked reception what slows them down on Monday mornings and we changed the rota.';

let bot: E2eBot | undefined;
let playground: Playground | undefined;
let browser: E2eBrowser | undefined;
let chat: ChatPage;
let userId = '';
let identifiers: string[] = [];
let nudgeCard: Locator;
let weeklyCard: Locator;
let exportUrl = '';
let failedStep: string | undefined;

/** Runs one step of the journey; once a step fails, the later ones say so instead of failing obscurely. */
function step(name: string, body: () => Promise<void>, timeout = 60_000): void {
  it(
    name,
    async () => {
      if (failedStep) throw new Error(`E2E_EARLIER_STEP_FAILED: not run because "${failedStep}" failed`);
      try {
        await body();
      } catch (error) {
        failedStep = name;
        throw error;
      }
    },
    timeout,
  );
}

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  bot = await startBot(join(OUT, 'bot.log'));
  playground = await startPlayground({
    botEndpoint: bot.messagesUrl,
    conversationId: 'personal-chat-e2e',
    logFile: join(OUT, 'playground.log'),
  });
  browser = await launchBrowser();
  chat = new ChatPage(browser.page, OUT);
}, 90_000);

afterAll(async () => {
  // Tear down in reverse order; each part is stopped even when another fails to stop.
  const results = await Promise.allSettled([browser?.close()]);
  results.push(...(await Promise.allSettled([playground?.stop()])));
  results.push(...(await Promise.allSettled([bot?.stop()])));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed && failed.status === 'rejected') throw failed.reason;
}, 30_000);

/** The collapsed nudge card's budget in the playground (the previews measure 520 px wide cards). */
const COMPACT_MAX_PX = 900;

async function expectVisible(locator: Locator, what: string): Promise<void> {
  expect({ what, visible: await locator.first().isVisible() }).toEqual({ what, visible: true });
}

async function expectCompact(card: Locator, what: string): Promise<void> {
  const height = (await card.boundingBox())?.height ?? Infinity;
  expect({ what, height, compact: height <= COMPACT_MAX_PX }).toEqual({ what, height, compact: true });
}

describe('a person in personal chat, in Microsoft 365 Agents Playground', () => {
  step('opening the chat installs the bot and shows the welcome card with the onboarding form', async () => {
    await browser!.page.goto(playground!.url, { waitUntil: 'domcontentloaded' });
    // Opening the page installs the bot (the playground sends installationUpdate when the page
    // connects). Should a playground version not do so, install through its set-up API instead.
    const welcome = await chat
      .waitForCard('Welcome: two minutes a week', { what: 'the welcome card after install', timeoutMs: 20_000 })
      .catch(async () => {
        await playground!.sendInstall();
        return chat.waitForCard('Welcome: two minutes a week', { what: 'the welcome card after install' });
      });
    await chat.waitForText(welcome, 'Your privacy', 'the privacy note on the welcome card');
    await chat.screenshot('welcome', welcome);
    const users = await bot!.app.store.users.query({});
    expect(users).toHaveLength(1);
    const user = users[0]!;
    userId = user.userId;
    expect(user.status).toBe('active');
    // Everything that points at this person: ids and their personal conversation.
    identifiers = [
      user.userId,
      user.aadObjectId,
      user.conversation.userTeamsId,
      user.conversation.conversationId,
    ].filter((id, i, all): id is string => typeof id === 'string' && id.length > 0 && all.indexOf(id) === i);

    // The role is asked, not defaulted: choose one before starting.
    await chat.choose(welcome, 'My role', 'Practice manager');
    await chat.press(welcome, 'Start my nudges');
    const saved = await chat.waitForCard('Your nudges have started', { what: 'the confirmation of "Start my nudges"' });
    await chat.screenshot('onboarded', saved);
  });

  step('at the chosen time the weekly nudge arrives by itself (a proactive Bot Connector call)', async () => {
    const before = await chat.cards().count();
    const user = await bot!.app.store.users.get(userId, userId);
    expect(user?.nextDueAt).toBeDefined();
    const counters = await bot!.app.delivery.tick(new Date(Date.parse(user!.nextDueAt!) + 60_000));
    expect(counters).toMatchObject({ sent: 1, failed: 0, unknown: 0 });
    const weekly = await chat.waitForCard('Try this', { after: before, what: 'the weekly nudge, sent proactively' });
    await chat.waitForText(weekly, 'Send answer', 'the weekly nudge card');
    const [delivery] = await bot!.app.store.deliveries.query({ partitionKey: userId });
    expect(delivery).toMatchObject({ state: 'sent', outcome: 'ok' });
    expect(delivery?.activityId).toBeTruthy(); // the id the playground gave the message, kept for updates
    await chat.screenshot('weekly-nudge', weekly);
    weeklyCard = weekly;
  });

  step(
    'the poll answered on another device shows as answered here too (the bot PUTs the card over the message)',
    async () => {
      // Another device of the same person answers the weekly nudge's poll: an Action.Execute invoke that
      // this page never sees. Teams replaces the card only on the device that clicked, so this page shows
      // the answer only if the bot writes the answered card over the message (PUT .../activities/{id}).
      const user = (await bot!.app.store.users.get(userId, userId))!;
      const [delivery] = await bot!.app.store.deliveries.query({ partitionKey: userId });
      const nudge = bot!.app.deps.content.nudges.find((n) => n.id === delivery!.nudgeId)!;
      const option = nudge.poll.options[0]!;
      const ref = user.conversation;
      const invoke = {
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: `other-device-${Date.now()}`,
        channelId: ref.channelId,
        serviceUrl: ref.serviceUrl,
        from: { id: ref.userTeamsId, aadObjectId: user.aadObjectId },
        recipient: { id: ref.botId },
        conversation: { id: ref.conversationId, conversationType: 'personal', tenantId: ref.tenantId },
        channelData: { tenant: { id: ref.tenantId }, source: { name: 'message' } },
        replyToId: delivery!.activityId,
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'poll.answer',
            data: { deliveryId: delivery!.id, nudgeId: nudge.id, pollId: nudge.poll.id, optionId: option.id },
          },
          trigger: 'manual',
        },
      };
      const res = await fetch(bot!.messagesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(invoke),
      });
      expect(res.status).toBe(200);
      await bot!.app.followUps.settled();
      await chat.waitForText(weeklyCard, 'Thank you for answering', 'the weekly nudge answered on another device');
      await chat.waitForText(weeklyCard, `Your answer: ${option.label}`, 'the answer from the other device');
      await chat.screenshot('weekly-answered-elsewhere', weeklyCard);
    },
  );

  step(
    "adding the bot to the team welcomes its other members in 1:1 chats the bot opens (the playground's paged members and create conversation); the current user, already started, gets nothing more",
    async () => {
      // The playground's built-in team ("team-id", whose General channel has the same id): its install
      // call sends conversationUpdate with the bot in membersAdded, as Teams does when a team adds the app.
      const before = await chat.cards().count();
      const res = await fetch(`${playground!.url}/_debug/conversation/team-id/installation`, { method: 'POST' });
      expect(res.ok).toBe(true);
      const store = bot!.app.store;
      const deadline = Date.now() + 20_000;
      while ((await store.users.count({})) < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      const counters = await bot!.app.delivery.tick();
      expect(counters).toMatchObject({ failed: 0, unknown: 0, inactive: 0 });
      const all = (await store.deliveries.query({})).filter((d) => d.kind === 'welcome');
      // The current user's own install welcome is a delivery of the engine too: exactly one.
      expect(all.filter((d) => d.ownerId === userId)).toHaveLength(1);
      const welcomes = all.filter((d) => d.ownerId !== userId);
      // The five other members of the playground's team, one welcome each, sent to chats the playground opened.
      expect(welcomes).toHaveLength(5);
      expect(welcomes.every((d) => d.state === 'sent' && d.conversationId && d.ownerId !== userId)).toBe(true);
      const invited = (await store.users.query({})).filter((u) => u.consent?.via === 'team');
      expect(invited).toHaveLength(5);
      expect(invited.every((u) => u.consent?.welcomedAt && u.conversation.conversationId !== '')).toBe(true);
      await new Promise((r) => setTimeout(r, 1000));
      expect(await chat.cards().count()).toBe(before); // the current user started already: no second welcome
    },
  );

  step('"nudge" shows a compact nudge card: the action, the poll and one row of buttons', async () => {
    nudgeCard = await chat.ask('nudge', 'Try this');
    await chat.waitForText(nudgeCard, 'Send answer', 'the nudge card');
    for (const title of ['Ways to grow', 'More']) {
      await expectVisible(nudgeCard.getByRole('button', { name: title, exact: true }), title);
    }
    // Reflect comes once the poll is answered: one required input on the card at a time.
    expect(await nudgeCard.getByRole('button', { name: 'Reflect', exact: true }).count()).toBe(0);
    // The reflection box, the rating and the feedback buttons open on demand.
    expect(await nudgeCard.getByRole('textbox').filter({ visible: true }).count()).toBe(0);
    expect(await nudgeCard.getByRole('button', { name: 'Save reflection' }).isVisible()).toBe(false);
    await expectCompact(nudgeCard, 'the new nudge card');
    await chat.screenshot('nudge', nudgeCard);
  });

  step('"Send answer" with nothing chosen keeps the week\'s card and its poll, saying what to do', async () => {
    const cardsBefore = await chat.cards().count();
    await chat.press(nudgeCard, 'Send answer');
    // Stopped on the card itself (the choice is required): no error card replaces the nudge.
    await chat.waitForText(nudgeCard, 'Choose an answer first.', 'the required-answer message on the card');
    expect(await nudgeCard.getByRole('radio').count()).toBeGreaterThan(1);
    await expectVisible(nudgeCard.getByRole('button', { name: 'Send answer', exact: true }), 'Send answer');
    expect(await nudgeCard.innerText()).not.toMatch(/Sorry, that did not work|Check:/);
    expect(await chat.cards().count()).toBe(cardsBefore);
    await chat.screenshot('send-answer-nothing-chosen', nudgeCard);
  });

  step('"No" on "Was this nudge useful?" before answering keeps the poll and every button', async () => {
    await chat.press(nudgeCard, 'More');
    await chat.press(nudgeCard, 'No');
    await chat.waitForText(nudgeCard, 'noted as not useful', 'the confirmation of the feedback');
    await chat.press(nudgeCard, 'More');
    await chat.waitForText(nudgeCard, 'You said: No', 'the feedback on the card');
    expect(await nudgeCard.getByRole('radio').count()).toBeGreaterThan(1);
    expect(await nudgeCard.getByText('Your answer:').count()).toBe(0);
    await expectVisible(nudgeCard.getByRole('button', { name: 'Send answer', exact: true }), 'Send answer');
    await chat.screenshot('useful-no-before-answering', nudgeCard);
  });

  step('answering the poll updates the card in place, saying why there are no group results yet', async () => {
    const cardsBefore = await chat.cards().count();
    const option = nudgeCard.getByRole('radio').first();
    const label = (
      await option.evaluate(
        (el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? '',
      )
    ).trim();
    expect(label).not.toBe('');
    await option.check();
    await chat.press(nudgeCard, 'Send answer');
    await chat.waitForText(nudgeCard, 'Thank you for answering', 'the answered nudge card');
    // The playground person is in no practice team: results are counted per practice, and the card says so.
    await chat.waitForText(
      nudgeCard,
      'Group results are shown only within a practice',
      'the answered nudge card (no practice)',
    );
    await chat.waitForText(nudgeCard, label, 'the answer on the card');
    expect(await chat.cards().count()).toBe(cardsBefore);
    // The feedback given before answering is still there, and so is Skip; an answered nudge is not snoozed.
    await chat.press(nudgeCard, 'More');
    await chat.waitForText(nudgeCard, 'You said: No', 'the earlier feedback');
    await expectVisible(nudgeCard.getByRole('button', { name: 'Skip this one', exact: true }), 'Skip this one');
    expect(await nudgeCard.getByRole('button', { name: 'Snooze a day', exact: true }).count()).toBe(0);
    await chat.screenshot('poll-answered', nudgeCard);
  });

  step('opening the reflection, saving it: the card confirms and stays compact', async () => {
    await chat.press(nudgeCard, 'Reflect');
    const box = nudgeCard.getByRole('textbox').first();
    await box.waitFor({ state: 'visible' });
    // An empty reflection is stopped on the card: the week's card, its answer and the box all stay.
    const cardsBefore = await chat.cards().count();
    await chat.press(nudgeCard, 'Save reflection');
    await chat.waitForText(nudgeCard, 'Write a few words first.', 'the required-reflection message on the card');
    await chat.waitForText(nudgeCard, 'Your answer:', 'the answered poll, still on the card');
    expect(await box.isVisible()).toBe(true);
    expect(await chat.cards().count()).toBe(cardsBefore);
    await chat.screenshot('save-empty-reflection', nudgeCard);
    await box.fill(REFLECTION);
    await chat.screenshot('reflection-open', nudgeCard);
    await chat.press(nudgeCard, 'Save reflection');
    await chat.waitForText(nudgeCard, 'Reflection saved.', 'the reflection confirmation');
    await expectVisible(nudgeCard.getByRole('button', { name: 'Your reflection', exact: true }), 'Your reflection');
    expect(await nudgeCard.getByRole('textbox').filter({ visible: true }).count()).toBe(0);
    await expectCompact(nudgeCard, 'the card after saving the reflection');
    await chat.screenshot('reflection-saved', nudgeCard);
  });

  step('"courses" suggests courses for the person', async () => {
    const card = await chat.ask('courses', 'Suggested for you');
    const text = await card.innerText();
    expect(text).not.toContain('Nothing matches');
    // Each suggestion has a link to the course (Action.OpenUrl buttons have the role "link").
    expect(await card.getByRole('link').count()).toBeGreaterThanOrEqual(1);
    await chat.screenshot('courses', card);
  });

  step('"settings" shows the form; changing how often and saving confirms it', async () => {
    const card = await chat.ask('settings', 'Your settings');
    await chat.screenshot('settings', card);
    await card.getByRole('radio', { name: 'Every two weeks' }).check();
    const before = await chat.cards().count();
    await chat.press(card, 'Save settings');
    const saved = await chat.waitForCard('Settings saved', {
      after: before - 1,
      what: 'the confirmation of "Save settings"',
    });
    await chat.waitForText(saved, 'every other week', 'the saved frequency');
    await chat.screenshot('settings-saved', saved);
  });

  step('"export" gives download links that work once; the text one holds the reflection', async () => {
    const card = await chat.ask('export', 'Your export is ready');
    await chat.screenshot('export', card);
    // The link opens a new tab whose response is a download (Content-Disposition: attachment), so
    // the tab never shows a URL: read the address the browser asked for instead.
    const requested = browser!.context.waitForEvent('request', {
      predicate: (request) => request.url().includes('/api/export/'),
      timeout: 15_000,
    });
    await chat.press(card, 'Download my data');
    exportUrl = (await requested).url();
    for (const tab of browser!.context.pages()) if (tab !== browser!.page) await tab.close();
    expect(exportUrl.startsWith(`${bot!.baseUrl}/api/export/`)).toBe(true);
    // The browser downloaded the JSON: the link works once, so a second GET is refused.
    const again = await fetch(exportUrl);
    expect(again.status).toBe(410);
    expect(await again.text()).toMatch(/already been used/);
    const text = await fetch(`${exportUrl.split('?')[0]}?format=text`);
    expect(text.status).toBe(200);
    expect(await text.text()).toContain(REFLECTION);
  });

  step('"delete my data" asks first, then deletes everything stored about the person', async () => {
    const card = await chat.ask('delete my data', 'Delete everything kept about you?');
    await chat.screenshot('delete-confirm', card);
    await chat.press(card, 'Yes, delete my data');
    const deleted = await chat.waitForCard('Your data is deleted', { what: 'the confirmation of the deletion' });
    await chat.screenshot('deleted', deleted);

    const store = bot!.app.store;
    expect(await store.users.get(userId, userId)).toBeUndefined();
    for (const collection of [store.responses, store.deliveries, store.exports]) {
      expect(await collection.count({ partitionKey: userId })).toBe(0);
    }
    // Nothing left anywhere else mentions the person either.
    const others = {
      users: store.users,
      teams: store.teams,
      deliveries: store.deliveries,
      responses: store.responses,
      leases: store.leases,
      exports: store.exports,
    };
    for (const [name, collection] of Object.entries(others)) {
      expect(findMentions(name, await collection.query({}))).toEqual([]);
    }
    expect((await fetch(exportUrl)).status).toBe(404);
  });

  step('after "delete my data", the anonymous running counts hold no identifier of the person', async () => {
    // Poll counts stay (anonymous numbers), but nothing in them may point back at who answered.
    expect(findMentions('aggregates', await bot!.app.store.aggregates.query({}))).toEqual([]);
  });
});

/** 'collection: field path holds <id>' for every stored value that contains one of the person's identifiers. */
function findMentions(collection: string, docs: unknown[]): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      for (const id of identifiers) if (value.includes(id)) found.push(`${collection}: ${path} holds ${id}`);
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  docs.forEach((doc, i) => walk(doc, `[${i}]`));
  return found;
}
