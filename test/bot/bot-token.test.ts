import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccessToken, TokenCredential } from '@azure/identity';
import {
  BOT_FRAMEWORK_SCOPE,
  botCredentialFor,
  createBotTokenSigner,
  managedIdentityAssertion,
  TOKEN_EXCHANGE_SCOPE,
} from '../../src/bot/bot-token';
import { createTeamsSender } from '../../src/bot/teams-sender';
import { loadConfig } from '../../src/config';
import type { ConversationRef } from '../../src/domain';
import { startConnectorDouble, type ConnectorDouble } from '../support/connector-double';

const card = { summary: 'Hello', card: { type: 'AdaptiveCard', version: '1.5', body: [] } };
const MINUTE = 60_000;

/** A TokenCredential that issues numbered tokens valid for `lifetimeMs` on an injected clock. */
function countingCredential(clock: { now: number }, lifetimeMs: number) {
  const scopes: string[] = [];
  const credential: TokenCredential = {
    getToken: async (scope) => {
      scopes.push(String(scope));
      await new Promise((r) => setTimeout(r, 20)); // a network round trip: concurrent callers must share it
      return { token: `token-${scopes.length}`, expiresOnTimestamp: clock.now + lifetimeMs } satisfies AccessToken;
    },
  };
  return { credential, scopes };
}

describe('the bot token for outgoing calls (from @azure/identity, not botbuilder)', () => {
  let connector: ConnectorDouble;
  const to = (i: number): ConversationRef => ({
    serviceUrl: connector.url,
    conversationId: `a:token-${i}`,
    tenantId: 't1',
    channelId: 'msteams',
    conversationType: 'personal',
  });
  beforeAll(async () => (connector = await startConnectorDouble()));
  beforeEach(() => connector.reset());
  afterAll(async () => connector.close());

  it('fetches one token for many sends, shows it to Teams, and refreshes it 5 minutes before it expires', async () => {
    const clock = { now: Date.parse('2026-03-02T09:00:00Z') };
    const { credential, scopes } = countingCredential(clock, 60 * MINUTE);
    const sender = createTeamsSender(loadConfig({}), {
      signer: createBotTokenSigner(credential, { now: () => clock.now }),
    });
    await Promise.all(Array.from({ length: 25 }, (_, i) => sender.send(to(i), card)));
    expect(scopes).toEqual([BOT_FRAMEWORK_SCOPE]);
    expect(new Set(connector.activities.map((a) => a.authorization))).toEqual(new Set(['Bearer token-1']));

    clock.now += 55 * MINUTE - 1; // still more than 5 minutes left
    await sender.update(to(0), 'act-1', card);
    expect(scopes).toHaveLength(1);
    clock.now += 1; // 5 minutes left: replaced before it lapses
    await sender.send(to(1), card);
    expect(scopes).toHaveLength(2);
    expect(connector.activities.at(-1)?.authorization).toBe('Bearer token-2');
  });

  it('sends no Authorization header in development mode (no app id)', async () => {
    expect(botCredentialFor(loadConfig({}))).toBeUndefined();
    await createTeamsSender(loadConfig({})).send(to(1), card);
    expect(connector.activities[0]?.authorization).toBeUndefined();
  });

  it('uses the managed identity for UserAssignedMsi and the client secret otherwise', () => {
    const msi = botCredentialFor(
      loadConfig({
        MicrosoftAppId: 'app-1',
        MicrosoftAppType: 'UserAssignedMsi',
        MicrosoftAppTenantId: 'tenant-1',
        ALLOWED_TENANTS: 'tenant-1',
      }),
    );
    const secret = botCredentialFor(
      loadConfig({ MicrosoftAppId: 'app-1', MicrosoftAppPassword: 'secret', ALLOWED_TENANTS: '*' }),
    );
    expect(msi?.constructor.name).toBe('ManagedIdentityCredential');
    expect(secret?.constructor.name).toBe('ClientSecretCredential');
  });

  it('signs in as the app registration with a managed identity assertion for SingleTenant + MicrosoftAppFederatedClientId (no secret)', () => {
    const config = loadConfig({
      MicrosoftAppId: 'app-reg-1',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'home-tenant',
      MicrosoftAppFederatedClientId: 'uami-client-1',
      ALLOWED_TENANTS: 'nhsmail-tenant',
    });
    expect(config.microsoftAppPassword).toBeUndefined();
    expect(botCredentialFor(config)?.constructor.name).toBe('ClientAssertionCredential');
    // The same settings with a secret instead still use the secret.
    const secret = loadConfig({
      MicrosoftAppId: 'app-reg-1',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'home-tenant',
      MicrosoftAppPassword: 'secret-from-key-vault',
      ALLOWED_TENANTS: 'nhsmail-tenant',
    });
    expect(botCredentialFor(secret)?.constructor.name).toBe('ClientSecretCredential');
  });

  it('refuses a federated client id outside SingleTenant, or together with a secret', () => {
    const base = {
      MicrosoftAppId: 'a',
      MicrosoftAppTenantId: 't',
      ALLOWED_TENANTS: 't',
      MicrosoftAppFederatedClientId: 'u',
    };
    expect(() => loadConfig({ ...base, MicrosoftAppType: 'UserAssignedMsi' })).toThrow(
      /^MicrosoftAppFederatedClientId: is only for MicrosoftAppType=SingleTenant/,
    );
    expect(() => loadConfig({ ...base, MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 's' })).toThrow(
      /^MicrosoftAppPassword: must not be set together with MicrosoftAppFederatedClientId/,
    );
    expect(() =>
      loadConfig({
        MicrosoftAppId: 'a',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: 't',
        ALLOWED_TENANTS: 't',
      }),
    ).toThrow(/MicrosoftAppPassword: is required .* MicrosoftAppFederatedClientId/);
  });

  it('asks the managed identity for a fresh api://AzureADTokenExchange token on every sign-in', async () => {
    const clock = { now: Date.parse('2026-03-02T09:00:00Z') };
    const { credential, scopes } = countingCredential(clock, 60 * MINUTE);
    const assertion = managedIdentityAssertion('uami-client-1', credential);
    expect(await assertion()).toBe('token-1');
    expect(await assertion()).toBe('token-2');
    expect(scopes).toEqual([TOKEN_EXCHANGE_SCOPE, TOKEN_EXCHANGE_SCOPE]);
  });

  describe('with a real ManagedIdentityCredential against a local App Service identity endpoint', () => {
    let identity: Server;
    const requests: { url: URL; secretHeader?: string }[] = [];
    const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };
    beforeAll(async () => {
      identity = createServer((req: IncomingMessage, res) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        requests.push({ url, secretHeader: req.headers['x-identity-header'] as string | undefined });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            access_token: `msi-token-${requests.length}`,
            expires_on: String(Math.floor(Date.now() / 1000) + 3600),
            resource: url.searchParams.get('resource'),
            token_type: 'Bearer',
            client_id: url.searchParams.get('client_id'),
          }),
        );
      });
      await new Promise<void>((r) => identity.listen(0, '127.0.0.1', r));
      // What App Service sets for an app with a managed identity (Learn: "Managed identities for App Service", REST protocol).
      process.env.IDENTITY_ENDPOINT = `http://127.0.0.1:${(identity.address() as AddressInfo).port}/msi/token`;
      process.env.IDENTITY_HEADER = 'local-identity-header';
    });
    afterAll(async () => {
      for (const [k, v] of [
        ['IDENTITY_ENDPOINT', saved.endpoint],
        ['IDENTITY_HEADER', saved.header],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await new Promise((r) => identity.close(r));
    });

    it('signs every call with the token the identity endpoint issued for the Bot Framework, fetched once', async () => {
      const config = loadConfig({
        MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
        MicrosoftAppType: 'UserAssignedMsi',
        MicrosoftAppTenantId: 'tenant-1',
        ALLOWED_TENANTS: 'tenant-1',
      });
      const sender = createTeamsSender(config);
      await Promise.all(Array.from({ length: 10 }, (_, i) => sender.send(to(i), card)));
      expect(requests).toHaveLength(1);
      expect(requests[0]?.secretHeader).toBe('local-identity-header');
      expect(requests[0]?.url.searchParams.get('resource')).toBe('https://api.botframework.com');
      expect(requests[0]?.url.searchParams.get('client_id')).toBe('11111111-2222-3333-4444-555555555555');
      expect(connector.activities).toHaveLength(10);
      expect(new Set(connector.activities.map((a) => a.authorization))).toEqual(new Set(['Bearer msi-token-1']));
    });

    it("gives the federated assertion from the identity endpoint: the managed identity's token for api://AzureADTokenExchange", async () => {
      requests.length = 0;
      const token = await managedIdentityAssertion('22222222-3333-4444-5555-666666666666')();
      expect(token).toBe(`msi-token-${requests.length}`);
      expect(requests).toHaveLength(1);
      expect(requests[0]?.url.searchParams.get('resource')).toBe('api://AzureADTokenExchange');
      expect(requests[0]?.url.searchParams.get('client_id')).toBe('22222222-3333-4444-5555-666666666666');
    });
  });
});
