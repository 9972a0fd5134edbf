import { inspect } from 'node:util';
import { ClientSecretCredential } from '@azure/identity';
import { MicrosoftAppCredentials } from 'botframework-connector';
import { dropTokenExtractorDiagnostics } from '../../src/server/token-diagnostics';
import { TENANT, installActivity, messageActivity, person } from '../support/activities';
import { startHarness, type Harness } from '../support/bot-harness';
import { recordFigures } from '../support/reliability-figures';
import { startLocalTokenIssuer, type LocalTokenIssuer } from '../support/tokens';

const APP_ID = '11111111-2222-3333-4444-555555555555';

describe('Bot Framework authentication with an app id', () => {
  let issuer: LocalTokenIssuer;
  let h: Harness;
  const refused: number[] = [];

  beforeAll(async () => {
    // The bot's own tokens, for its reply and its welcome, would come from login.microsoftonline.com,
    // which a test cannot reach (the welcome's turn waited 5 s for it to fail): what is tested here is
    // the token coming in, so the outgoing ones are stand-ins.
    jest.spyOn(MicrosoftAppCredentials.prototype, 'getToken').mockResolvedValue('outbound-token-not-tested');
    jest
      .spyOn(ClientSecretCredential.prototype, 'getToken')
      .mockResolvedValue({ token: 'outbound-token-not-tested', expiresOnTimestamp: Date.now() + 3_600_000 });
    issuer = await startLocalTokenIssuer();
    issuer.install(); // before the app builds its adapter
    h = await startHarness({
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'test-secret-not-real',
        MicrosoftAppType: 'MultiTenant',
        ALLOWED_TENANTS: TENANT,
      },
    });
  });
  afterAll(async () => {
    await h.close();
    await issuer.close();
    jest.restoreAllMocks();
    recordFigures('authentication', { unauthorisedRequestsRefused: refused.length, validTokenAccepted: true });
  });

  // botbuilder's CloudAdapter reports every refused token with console.error (its own logging,
  // not ours). Each test captures it and asserts what was reported instead of printing it.
  let consoleError: jest.SpyInstance;
  beforeEach(() => {
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => consoleError.mockRestore());
  const reportedErrors = () =>
    consoleError.mock.calls.map((args) => {
      const e = args[0] as { statusCode?: number; constructor?: { name?: string } } | undefined;
      if (typeof args[0] === 'string') return `message: ${args[0]}`;
      return `${e?.constructor?.name ?? typeof e}${e?.statusCode ? ` ${e.statusCode}` : ''}`;
    });

  const claimsFor = (serviceUrl: string) => ({ aud: APP_ID, serviceurl: serviceUrl });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('accepts a correctly signed channel token for this app (so the 401s below are meaningful)', async () => {
    const p = person(7001);
    const token = issuer.sign(claimsFor(h.connector.url));
    const res = await h.post(messageActivity(p, h.connector.url, 'help'), bearer(token));
    expect(res.status).toBe(200);
    expect(await h.app.store.users.get(p.aadObjectId, p.aadObjectId)).toBeDefined();
    expect(reportedErrors()).toEqual([]);
  });

  it.each<[string, (serviceUrl: string) => Record<string, string>]>([
    ['no token', () => ({})],
    ['a malformed token', () => bearer('not-a-jwt')],
    ['an expired token', (u) => bearer(issuer.sign({ ...claimsFor(u), nbf: 1_600_000_000, exp: 1_600_003_600 }))],
    ['a token signed with another key', (u) => bearer(issuer.sign(claimsFor(u), { key: issuer.strangerKey }))],
    ['a token with an unknown key id', (u) => bearer(issuer.sign(claimsFor(u), { kid: 'someone-else' }))],
    ['a token for another app (wrong audience)', (u) => bearer(issuer.sign({ ...claimsFor(u), aud: 'another-app' }))],
    ['a token from another issuer', (u) => bearer(issuer.sign({ ...claimsFor(u), iss: 'https://evil.example' }))],
    ['a token for another service URL', (u) => bearer(issuer.sign(claimsFor(`${u}other/`)))],
    ['a token with a basic scheme', () => ({ authorization: 'Basic dXNlcjpwYXNz' })],
  ])('answers 401 to %s and stores nothing, logging one compact line', async (_name, headersFor) => {
    const p = person(7100 + refused.length);
    const logged: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' '));
    });
    // As src/index.ts installs it in the server: botframework-connector's own token diagnostics
    // (a stack for an expired token, a PEM key for a bad signature) are dropped.
    const restore = dropTokenExtractorDiagnostics(console);
    let res: { status: number };
    try {
      res = await h.post(installActivity(p, h.connector.url), headersFor(h.connector.url));
    } finally {
      restore();
      spy.mockRestore();
    }
    // Exactly one line is printed per refused request: the adapter's compact JSON line, no stack.
    expect(logged).toHaveLength(1);
    const ours = logged.filter((l) => l.includes('auth.refused'));
    expect(ours).toHaveLength(1);
    expect(ours[0]).not.toMatch(/\n|\bat /);
    expect(JSON.parse(ours[0]!)).toMatchObject({ event: 'auth.refused', status: 401 });
    expect(logged.join('\n')).not.toContain('cloudAdapter');
    expect(res.status).toBe(401);
    refused.push(res.status);
    expect(await h.app.store.users.get(p.aadObjectId, p.aadObjectId)).toBeUndefined();
    expect(h.connector.sentTo(p.conversationId)).toHaveLength(0);
  });
});
