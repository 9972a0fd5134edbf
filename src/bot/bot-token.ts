import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { Config } from '../config';
import type { RequestSigner } from './connector-rest';

/** The audience of a bot's calls to the Bot Connector (Learn: "Authentication with the Bot Connector API"). */
export const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';

/** A cached token is replaced this long before it expires, so no call goes out with one about to lapse. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

/** The Entra authority of multi-tenant bots (Bot Framework's own tenant). */
const MULTI_TENANT_AUTHORITY_TENANT = 'botframework.com';

type BotIdentitySettings = Pick<
  Config,
  'microsoftAppId' | 'microsoftAppPassword' | 'microsoftAppTenantId' | 'microsoftAppType'
>;

/**
 * The credential the bot's outgoing calls sign in with: the user-assigned managed identity
 * (MicrosoftAppType=UserAssignedMsi, the Azure deployment) or the app's client secret; undefined in
 * development mode (no MicrosoftAppId: Microsoft's emulator takes unsigned calls).
 */
export function botCredentialFor(
  config: BotIdentitySettings,
  options: { authorityHost?: string } = {},
): TokenCredential | undefined {
  const appId = config.microsoftAppId;
  if (!appId) return undefined;
  if (config.microsoftAppType === 'UserAssignedMsi') return new ManagedIdentityCredential({ clientId: appId });
  const tenant = config.microsoftAppTenantId ?? MULTI_TENANT_AUTHORITY_TENANT;
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
