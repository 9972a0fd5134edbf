import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  StatusCodes,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
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

/**
 * The Bot Framework adapter for our settings. With no MicrosoftAppId, botbuilder itself turns
 * authentication off (development mode); with one, every request needs a valid token.
 */
export function createAdapter(config: Config): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.microsoftAppId ?? '',
    MicrosoftAppPassword: config.microsoftAppPassword ?? '',
    MicrosoftAppTenantId: config.microsoftAppTenantId ?? '',
    MicrosoftAppType: config.microsoftAppType,
  } as ConfigurationBotFrameworkAuthenticationOptions);
  withTokenErrorsAsUnauthorized(auth);
  return new CloudAdapter(auth);
}
