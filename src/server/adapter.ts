import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  StatusCodes,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { AuthenticationError, ServiceClientCredentialsFactory } from 'botframework-connector';
import { inspect } from 'node:util';
import type { Config } from '../config';

/** Errors jsonwebtoken throws for a token that is not acceptable (bad signature, not yet valid...). */
const TOKEN_ERROR_NAMES = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * botbuilder turns only its own AuthenticationError into 401; a token signed with an unknown key
 * fails inside jsonwebtoken with a plain JsonWebTokenError, which the CloudAdapter would answer
 * with 500. Such failures are the caller's fault, so they become 401 too. Other failures (e.g. the
 * OpenID metadata could not be fetched) stay 500: they are ours.
 */
function withTokenErrorsAsUnauthorized(auth: ConfigurationBotFrameworkAuthentication): void {
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticate(activity, authHeader);
    } catch (error) {
      const name = (error as Error)?.name;
      if (error instanceof AuthenticationError || TOKEN_ERROR_NAMES.has(name)) throw unauthorized(name);
      throw error;
    }
  };
}

/**
 * The 401 error for a refused request. The CloudAdapter console.error()s every failure, a stack
 * trace of several lines per unauthenticated request (anyone can send those); this one prints as
 * one compact JSON line instead, with the reason's class name and nothing from the request.
 */
function unauthorized(reason: string): AuthenticationError {
  const error = new AuthenticationError('Unauthorized: the token is not valid.', StatusCodes.UNAUTHORIZED);
  Object.defineProperty(error, inspect.custom, {
    value: () => JSON.stringify({ level: 'warn', event: 'auth.refused', status: 401, reason }),
  });
  return error;
}

/** Signs a request's headers (src/bot/bot-token.ts's RequestSigner, structurally: no import upward). */
export interface HeaderSigner {
  signRequest(request: {
    headers: { set(name: string, value: string): void; get(name: string): string | undefined };
  }): Promise<unknown>;
}

/**
 * Credentials for botbuilder's own calls (in-turn replies) from the bot's token signer, for the
 * federated identity credential, which botbuilder's configuration factory cannot build (its
 * FederatedAppCredentials also keeps its first client assertion for good, so sign-ins would fail
 * once that managed-identity token expired; the signer fetches a fresh one).
 */
export class SignerCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(
    private readonly appId: string,
    private readonly signer: HeaderSigner,
  ) {
    super();
  }
  async isValidAppId(appId = ''): Promise<boolean> {
    return appId === this.appId;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials(): Promise<{
    signRequest<T extends Parameters<HeaderSigner['signRequest']>[0]>(r: T): Promise<T>;
  }> {
    return {
      signRequest: async (request) => {
        await this.signer.signRequest(request);
        return request;
      },
    };
  }
}

/**
 * The Bot Framework adapter for our settings. With no MicrosoftAppId, botbuilder itself turns
 * authentication off (development mode); with one, every request needs a valid token. With a
 * federated identity credential (SingleTenant + MicrosoftAppFederatedClientId), replies are signed
 * by `signer` (the same token as proactive sends).
 */
export function createAdapter(config: Config, options: { signer?: HeaderSigner } = {}): CloudAdapter {
  const federated = config.microsoftAppType === 'SingleTenant' && config.microsoftAppFederatedClientId;
  if (federated && (!options.signer || !config.microsoftAppId)) {
    throw new Error('createAdapter: a federated identity credential needs the app id and the bot token signer');
  }
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: config.microsoftAppId ?? '',
      MicrosoftAppPassword: config.microsoftAppPassword ?? '',
      MicrosoftAppTenantId: config.microsoftAppTenantId ?? '',
      MicrosoftAppType: config.microsoftAppType,
    } as ConfigurationBotFrameworkAuthenticationOptions,
    federated ? new SignerCredentialsFactory(config.microsoftAppId!, options.signer!) : undefined,
  );
  withTokenErrorsAsUnauthorized(auth);
  return new CloudAdapter(auth);
}
