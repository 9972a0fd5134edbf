import {
  ClientAssertionCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import type { Config } from '../config';
import type { RequestSigner } from './connector-rest';

/** The audience of a bot's calls to the Bot Connector (Learn: "Authentication with the Bot Connector API"). */
export const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';

/** A cached token is replaced this long before it expires, so no call goes out with one about to lapse. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * The audience of a managed identity's token used as a federated client assertion (Learn:
 * "Configure an application to trust a managed identity"; the federated credential's audience).
 */
export const TOKEN_EXCHANGE_SCOPE = 'api://AzureADTokenExchange/.default';

/** The Entra authority of multi-tenant bots (Bot Framework's own tenant). */
const MULTI_TENANT_AUTHORITY_TENANT = 'botframework.com';

type BotIdentitySettings = Pick<
  Config,
  | 'microsoftAppId'
  | 'microsoftAppPassword'
  | 'microsoftAppTenantId'
  | 'microsoftAppType'
  | 'microsoftAppFederatedClientId'
>;

/**
 * The client assertion of a federated identity credential: a token of the user-assigned managed
 * identity `clientId` for api://AzureADTokenExchange, fetched afresh for every sign-in (the
 * identity caches and renews it), so the assertion never outlives its token.
 */
export function managedIdentityAssertion(
  clientId: string,
  identity: TokenCredential = new ManagedIdentityCredential({ clientId }),
): () => Promise<string> {
  return async () => {
    const token = await identity.getToken(TOKEN_EXCHANGE_SCOPE);
    if (!token) throw new Error(`managed identity ${clientId} returned no token for ${TOKEN_EXCHANGE_SCOPE}`);
    return token.token;
  };
}

/**
 * The credential the bot's outgoing calls sign in with: the user-assigned managed identity
 * (MicrosoftAppType=UserAssignedMsi); for SingleTenant with MicrosoftAppFederatedClientId, the app
 * registration signed in with that managed identity's token as its client assertion (a federated
 * identity credential: no secret; the identity that serves other tenants, see infra/README.md);
 * else the app's client secret. Undefined in development mode (no MicrosoftAppId: Microsoft's
 * emulator takes unsigned calls).
 */
export function botCredentialFor(
  config: BotIdentitySettings,
  options: { authorityHost?: string; federatedIdentity?: TokenCredential } = {},
): TokenCredential | undefined {
  const appId = config.microsoftAppId;
  if (!appId) return undefined;
  if (config.microsoftAppType === 'UserAssignedMsi') return new ManagedIdentityCredential({ clientId: appId });
  const tenant = config.microsoftAppTenantId ?? MULTI_TENANT_AUTHORITY_TENANT;
  const federated = config.microsoftAppFederatedClientId;
  if (config.microsoftAppType === 'SingleTenant' && federated) {
    return new ClientAssertionCredential(
      tenant,
      appId,
      managedIdentityAssertion(federated, options.federatedIdentity),
      {
        authorityHost: options.authorityHost,
      },
    );
  }
  return new ClientSecretCredential(tenant, appId, config.microsoftAppPassword ?? '', {
    authorityHost: options.authorityHost,
  });
}

/**
 * Signs Bot Connector calls with `Authorization: Bearer <token>` for the Bot Framework scope. One
 * token is shared by every call and fetched again only within TOKEN_REFRESH_MARGIN_MS of its expiry
 * (callers meanwhile share the one fetch in flight). Without a credential it signs nothing.
 * Nothing here reads botbuilder's state: the token comes from @azure/identity.
 */
export function createBotTokenSigner(
  credential: TokenCredential | undefined,
  options: { now?: () => number; refreshMarginMs?: number } = {},
): RequestSigner {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? TOKEN_REFRESH_MARGIN_MS;
  let cached: { token: string; expiresAt: number } | undefined;
  let fetching: Promise<string> | undefined;
  const fetchToken = async (cred: TokenCredential): Promise<string> => {
    const token = await cred.getToken(BOT_FRAMEWORK_SCOPE);
    if (!token) throw new Error('the credential returned no token');
    cached = { token: token.token, expiresAt: token.expiresOnTimestamp };
    return token.token;
  };
  const currentToken = (cred: TokenCredential): Promise<string> => {
    if (cached && now() < cached.expiresAt - margin) return Promise.resolve(cached.token);
    fetching ??= fetchToken(cred).finally(() => (fetching = undefined));
    return fetching;
  };
  return {
    async signRequest(request) {
      if (!credential) return;
      request.headers.set('Authorization', `Bearer ${await currentToken(credential)}`);
    },
  };
}
