import { PackageError } from './errors';

/** The values the manifest template needs, by placeholder name. */
export type PackageSettings = Record<string, string>;

/** Settings with no default: the package cannot be built without them. */
export const REQUIRED_SETTINGS = [
  'APP_ID',
  'BOT_ID',
  'PUBLIC_HOSTNAME',
  'DEVELOPER_URL',
  'PRIVACY_URL',
  'TERMS_URL',
] as const;

const HINTS: Record<string, string> = {
  APP_ID: 'a new GUID that identifies the Teams app (keep it across versions), e.g. from `uuidgen`',
  BOT_ID: 'the Azure Bot\'s Microsoft App ID (the managed identity client id: output "botId" of infra/main.bicep)',
  PUBLIC_HOSTNAME: 'the bot\'s host name without https://, e.g. nudges-app.azurewebsites.net (output "appHostName")',
  DEVELOPER_URL: 'an https URL for support information about the app',
  PRIVACY_URL: 'an https URL of the privacy notice',
  TERMS_URL: 'an https URL of the terms of use',
};

type Env = Record<string, string | undefined>;

/**
 * Picks the template settings from the environment, with defaults for APP_VERSION and
 * DEVELOPER_NAME. PUBLIC_HOSTNAME may also come from PUBLIC_BASE_URL. Throws MISSING_SETTING
 * naming the first absent setting and how to get it.
 */
export function resolveSettings(env: Env, defaults: { version: string }): PackageSettings {
  const pick = (name: string) => env[name]?.trim() || undefined;
  const baseUrl = pick('PUBLIC_BASE_URL');
  const settings: PackageSettings = {
    APP_VERSION: pick('APP_VERSION') ?? defaults.version,
    DEVELOPER_NAME: pick('DEVELOPER_NAME') ?? 'NHS primary care',
  };
  for (const name of REQUIRED_SETTINGS) {
    const value = pick(name) ?? (name === 'PUBLIC_HOSTNAME' && baseUrl ? hostOf(baseUrl) : undefined);
    if (!value) {
      throw new PackageError(
        'MISSING_SETTING',
        `${name} is not set. Set it in the environment or in .env: ${HINTS[name]}.`,
      );
    }
    settings[name] = value;
  }
  if (/[/:]/.test(settings.PUBLIC_HOSTNAME ?? '')) {
    throw new PackageError(
      'BAD_SETTING',
      `PUBLIC_HOSTNAME must be a host name only (no https:// or path), got "${settings.PUBLIC_HOSTNAME}".`,
    );
  }
  return settings;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
