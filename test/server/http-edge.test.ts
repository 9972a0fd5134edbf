import { defaultSlotTime } from '../../src/conversation/default-slot';
import { startHarness, cardOf, cardText, type Harness } from '../support/bot-harness';
import { TENANT, installActivity, messageActivity, person } from '../support/activities';
import { startConnectorDouble, type ConnectorDouble, firstReply } from '../support/connector-double';

describe('the HTTP edge', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers /healthz with the process status', async () => {
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with the store status', async () => {
    const res = await fetch(`${h.baseUrl}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', store: 'ok' });
  });

  it('refuses a body over 256 KB with 413 and stores nothing', async () => {
    const p = person(901);
    const big = messageActivity(p, h.connector.url, 'x'.repeat(300 * 1024));
    const res = await h.post(big);
    expect(res.status).toBe(413);
    expect(await h.app.store.users.get(p.aadObjectId, p.aadObjectId)).toBeUndefined();
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await h.post('{not json');
    expect(res.status).toBe(400);
  });

  it('names an unknown path and a wrong method in the error body (404 not_found, 405 method_not_allowed)', async () => {
    const unknown = await fetch(`${h.baseUrl}/nothing-here`);
    expect([unknown.status, await unknown.json()]).toEqual([404, { error: 'not_found', status: 404 }]);
    const opened = await fetch(`${h.baseUrl}/api/messages`); // a browser opening the bot's address
    expect([opened.status, await opened.json()]).toEqual([405, { error: 'method_not_allowed', status: 405 }]);
  });

  it('stores the person and sends the welcome card when the bot is installed', async () => {
    const p = person(1);
    const before = h.connector.activities.length;
    const res = await h.post(installActivity(p, h.connector.url));
    expect(res.status).toBe(200);
    const user = await h.app.store.users.get(p.aadObjectId, p.aadObjectId);
    expect(user).toMatchObject({
      userId: p.aadObjectId,
      tenantId: p.tenantId,
      status: 'active',
      prefs: {
        role: 'other',
        day: 'mon',
        time: defaultSlotTime(p.aadObjectId),
        frequency: 'weekly',
        timeZone: 'Europe/London',
      },
      conversation: { conversationId: p.conversationId, serviceUrl: h.connector.url, userTeamsId: p.teamsId },
    });
    // Consent first: only the one reminder, a week after the welcome, is due until they press Start.
    expect(user?.consent).toMatchObject({ state: 'pending', via: 'install' });
    expect(user?.nextDueAt).toEqual(expect.any(String));
    const sent = h.connector.activities.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.conversationId).toBe(p.conversationId);
    expect(cardText(cardOf(sent[0]))).toMatch(/Welcome/i);
  });

  it('takes the time zone Teams sends on install', async () => {
    const p = person(2);
    await h.post(
      installActivity(p, h.connector.url, {
        localTimezone: 'Pacific/Auckland',
        entities: [
          { type: 'clientInfo', locale: 'en-NZ', country: 'NZ', platform: 'Web', timezone: 'Pacific/Auckland' },
        ],
      }),
    );
    const user = await h.app.store.users.get(p.aadObjectId, p.aadObjectId);
    expect(user?.prefs.timeZone).toBe('Pacific/Auckland');
  });

  it('answers "help" with what the bot can do', async () => {
    const p = person(1);
    const before = h.connector.activities.length;
    await h.post(messageActivity(p, h.connector.url, 'HELP'));
    const reply = firstReply(h.connector.activities, before);
    const text = cardText(cardOf(reply));
    for (const word of ['nudge', 'courses', 'settings', 'pause', 'resume', 'history', 'export', 'delete my data']) {
      expect(text).toContain(word);
    }
  });

  it('never stays silent: unknown text gets the list of commands', async () => {
    const p = person(1);
    const before = h.connector.activities.length;
    await h.post(messageActivity(p, h.connector.url, 'what is the weather'));
    expect(cardText(cardOf(firstReply(h.connector.activities, before)))).toMatch(/did not understand/i);
  });

  it('marks the person uninstalled when the bot is removed', async () => {
    const p = person(3);
    await h.post(installActivity(p, h.connector.url));
    await h.post({ ...installActivity(p, h.connector.url), action: 'remove' });
    const user = await h.app.store.users.get(p.aadObjectId, p.aadObjectId);
    expect(user?.status).toBe('uninstalled');
    expect(user?.nextDueAt).toBeUndefined();
  });
});

describe('the embedded store across restarts', () => {
  let connector: ConnectorDouble;
  beforeAll(async () => {
    connector = await startConnectorDouble();
  });
  afterAll(async () => {
    await connector.close();
  });

  it('keeps a person after the bot restarts on the same data folder', async () => {
    const first = await startHarness({ connector });
    const p = person(77);
    await first.post(installActivity(p, connector.url));
    const dataDir = first.dataDir;
    await first.app.stop();
    const second = await startHarness({ connector, dataDir });
    try {
      const user = await second.app.store.users.get(p.aadObjectId, p.aadObjectId);
      expect(user).toMatchObject({ userId: p.aadObjectId, status: 'active' });
    } finally {
      await second.close();
    }
  });
});

describe('authentication with an app id', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: {
        MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
        MicrosoftAppPassword: 'test-secret-not-real',
        MicrosoftAppType: 'MultiTenant',
        ALLOWED_TENANTS: TENANT,
        HOST: '127.0.0.1',
      },
    });
  });
  afterAll(async () => {
    await h.close();
  });
  // botbuilder reports each refused request with console.error: captured and asserted, not printed.
  let consoleError: jest.SpyInstance;
  beforeEach(() => {
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    expect(consoleError.mock.calls.map((args) => (args[0] as { statusCode?: number }).statusCode)).toContain(401);
    consoleError.mockRestore();
  });

  it('answers 401 to a request without a token and stores nothing', async () => {
    const p = person(501);
    const res = await h.post(installActivity(p, h.connector.url));
    expect(res.status).toBe(401);
    expect(await h.app.store.users.get(p.aadObjectId, p.aadObjectId)).toBeUndefined();
    expect(h.connector.sentTo(p.conversationId)).toHaveLength(0);
  });

  it('answers 401 to a malformed bearer token', async () => {
    const p = person(502);
    const res = await h.post(installActivity(p, h.connector.url), { authorization: 'Bearer not-a-jwt' });
    expect(res.status).toBe(401);
  });
});
