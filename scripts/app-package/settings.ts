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
  DEVELOPER_NAME:
    'the organisation that publishes and supports the app, shown in Teams as its publisher (at most 32 characters), e.g. "Riverside PCN"',
};

/**
 * The publisher name used when DEVELOPER_NAME is not set: plainly not a publisher, so a test package
 * can be built (with --allow-placeholders) but a real one cannot.
 */
export const DEVELOPER_NAME_PLACEHOLDER = 'DEVELOPER_NAME not set';

/**
 * Publisher names that name no one and read as the NHS itself (the old default "NHS primary care"):
 * staff would take the app for a national NHS one. Refused like a placeholder.
 */
const NHS_AS_PUBLISHER = /^\s*(the\s+)?nhs(\s+(primary\s+care|england|digital))?\s*$/i;

type Env = Record<string, string | undefined>;

/**
 * Picks the template settings from the environment, with a default for APP_VERSION and a placeholder
 * for DEVELOPER_NAME (which findPlaceholders refuses for a real package). PUBLIC_HOSTNAME may also come from PUBLIC_BASE_URL. Throws MISSING_SETTING
 * naming the first absent setting and how to get it.
 */
export function resolveSettings(env: Env, defaults: { version: string }): PackageSettings {
  const pick = (name: string) => env[name]?.trim() || undefined;
  const baseUrl = pick('PUBLIC_BASE_URL');
  const settings: PackageSettings = {
    APP_VERSION: pick('APP_VERSION') ?? defaults.version,
    DEVELOPER_NAME: pick('DEVELOPER_NAME') ?? DEVELOPER_NAME_PLACEHOLDER,
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

const ZERO_GUID = /^0{8}-0{4}-0{4}-0{4}-0{12}$/;
/** Domains reserved for examples (RFC 2606) and the .env.example's own. */
const EXAMPLE_HOST = /(^|\.)example\.(com|org|net|nhs\.uk)$|(^|\.)example$/i;
/** The .env.example host name, which belongs to nobody's deployment. */
const EXAMPLE_PUBLIC_HOSTNAME = 'nudges-app.azurewebsites.net';

/**
 * The settings that are still .env.example placeholders (all-zero ids, example.* addresses, the
 * example host name), one line each saying what to put instead; empty when none is.
 */
export function findPlaceholders(settings: PackageSettings): string[] {
  const problems: string[] = [];
  for (const name of ['APP_ID', 'BOT_ID'] as const) {
    if (ZERO_GUID.test(settings[name] ?? '')) problems.push(`${name} is the all-zero placeholder: use ${HINTS[name]}.`);
  }
  const host = settings.PUBLIC_HOSTNAME ?? '';
  if (EXAMPLE_HOST.test(host) || host === EXAMPLE_PUBLIC_HOSTNAME) {
    problems.push(`PUBLIC_HOSTNAME "${host}" is the example value: use ${HINTS.PUBLIC_HOSTNAME}.`);
  }
  for (const name of ['DEVELOPER_URL', 'PRIVACY_URL', 'TERMS_URL'] as const) {
    const urlHost = hostOf(settings[name] ?? '') ?? '';
    if (EXAMPLE_HOST.test(urlHost)) problems.push(`${name} is an example address (${urlHost}): use ${HINTS[name]}.`);
  }
  const publisher = settings.DEVELOPER_NAME ?? DEVELOPER_NAME_PLACEHOLDER;
  if (publisher === DEVELOPER_NAME_PLACEHOLDER)
    problems.push(`DEVELOPER_NAME is not set: use ${HINTS.DEVELOPER_NAME}.`);
  else if (NHS_AS_PUBLISHER.test(publisher)) {
    problems.push(
      `DEVELOPER_NAME "${publisher}" names no organisation and reads as the NHS itself: use ${HINTS.DEVELOPER_NAME}.`,
    );
  }
  return problems;
}
