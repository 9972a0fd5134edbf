import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Config } from '../config';

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
  return new CloudAdapter(auth);
}
