/**
 * Configuration, read from the environment once at start-up and validated. Every error names the
 * variable and how to fix it.
 */

export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMsi';

export interface Config {
  port: number;
  host: string;
  /** Bot Framework settings. With no appId the bot runs in development mode (no auth, loopback only). */
  microsoftAppId?: string;
  microsoftAppPassword?: string;
  microsoftAppTenantId?: string;
  microsoftAppType: AppType;
  /**
   * SingleTenant only: the client id of a user-assigned managed identity trusted by the app
   * registration through a federated identity credential (MicrosoftAppFederatedClientId). The bot
   * then signs in with that identity's token as its client assertion: no secret.
   */
  microsoftAppFederatedClientId?: string;
  devMode: boolean;
  store: 'embedded' | 'cosmos';
  dataDir: string;
  cosmosEndpoint?: string;
  cosmosKey?: string;
  cosmosDatabase: string;
  /** Tenant ids the bot answers; empty means any tenant (development mode, or ALLOWED_TENANTS=*). */
  allowedTenants: string[];
  /** ALLOWED_TENANTS is `*`: every tenant is answered on purpose (a warning at start). */
  allowAnyTenant: boolean;
  defaultTimeZone: string;
  /** Days answers, reflections and deliveries are kept; uninstalled people's data goes after this too. */
  retentionDays: number;
  /** Smallest group whose figures may be shown. Never below 5. */
  minGroupSize: number;
  /** AAD object ids allowed to see insights in personal chat. */
  insightsViewers: string[];
  /** Teams' per-app-per-tenant send limit, requests per second. */
  tenantRateLimit: number;
  /** Hours after a missed slot during which the nudge is still sent once. */
  catchUpGraceHours: number;
  /** Seconds a per-tenant sender lease lasts: how soon another instance takes over from one that died. */
  senderLeaseSeconds: number;
  /** Milliseconds one proactive send may take before it is abandoned (then 'unknown', never resent). */
  sendTimeoutMs: number;
  /** Run the node-cron tick in this process. */
  schedulerEnabled: boolean;
  /** Public base URL of the bot (for export download links); defaults to http://host:port. */
  publicBaseUrl: string;
  /**
   * Key signing course links (LINK_SIGNING_KEY). Without one, start-up makes a random key once and
   * keeps it in the store (see conversation/course-links); undefined here means links are unsigned.
   */
  linkSigningKey?: string;
  appInsightsConnectionString?: string;
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

/**
 * The Node flags every production instance runs with (on the start command, appCommandLine in
 * infra/main.bicep, not NODE_OPTIONS, which would cap the build's tsc too; the delivery benchmark runs
 * its bot processes with the same): a heap ceiling. The live heap during a weekly run
 * is about 50 MB, but without a ceiling V8 lets garbage grow to several times that before a full
 * collection.
 */
export const INSTANCE_NODE_OPTIONS = '--max-old-space-size=160';

/** Settings the app needs in production on Azure (infra/main.bicep must set each one). */
export const PRODUCTION_SETTINGS = [
  'MicrosoftAppId',
  'MicrosoftAppTenantId',
  'MicrosoftAppType',
  'MicrosoftAppFederatedClientId',
  'STORE',
  'COSMOS_ENDPOINT',
  'COSMOS_DATABASE',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'PUBLIC_BASE_URL',
  'AZURE_CLIENT_ID',
] as const;

type Env = Record<string, string | undefined>;

function intSetting(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}".`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be from ${min} to ${max}, got ${n}.`);
  return n;
}

function boolSetting(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}".`);
}

function listSetting(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * ALLOWED_TENANTS as a list; [] means any tenant. With authentication on, an unset or empty value is
 * refused (a hand-made deployment would otherwise answer every organisation in Microsoft 365): list
 * the tenants, or write `*` to accept any on purpose.
 */
function tenantsSetting(env: Env, devMode: boolean): string[] {
  const raw = env.ALLOWED_TENANTS?.trim() ?? '';
  if (raw === '*') return [];
  if (raw.split(',').some((s) => s.trim() === '*')) {
    throw new ConfigError('ALLOWED_TENANTS', 'is either a comma list of tenant ids or * on its own, not both.');
  }
  const tenants = listSetting(env, 'ALLOWED_TENANTS');
  if (tenants.length === 0 && !devMode) {
    throw new ConfigError(
      'ALLOWED_TENANTS',
      'is required when MicrosoftAppId is set (authentication on): set it to the comma-separated Microsoft Entra tenant id(s) whose Teams users may use the bot (for NHSmail, the NHSmail shared tenant), or to * to accept any tenant on purpose.',
    );
  }
  return tenants;
}

/** What start-up should warn about in a configuration that loads (each a sentence for the log). */
export function configWarnings(config: Pick<Config, 'devMode' | 'allowAnyTenant'>): string[] {
  const warnings: string[] = [];
  if (!config.devMode && config.allowAnyTenant) {
    warnings.push(
      'ALLOWED_TENANTS is *: the bot answers and stores people from any Microsoft 365 tenant. List your tenant ids to limit it.',
    );
  }
  return warnings;
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  if (!zone || !zone.includes('/')) return zone === 'UTC';
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function loadConfig(env: Env = process.env): Config {
  const store = (env.STORE ?? 'embedded').trim() || 'embedded';
  if (store !== 'embedded' && store !== 'cosmos') {
    throw new ConfigError(
      'STORE',
      `must be "embedded" (the default, a local file in DATA_DIR) or "cosmos" (Azure Cosmos DB), got "${store}".`,
    );
  }
  const appType = (env.MicrosoftAppType ?? 'MultiTenant').trim() || 'MultiTenant';
  if (appType !== 'MultiTenant' && appType !== 'SingleTenant' && appType !== 'UserAssignedMsi') {
    throw new ConfigError(
      'MicrosoftAppType',
      `must be MultiTenant, SingleTenant or UserAssignedMsi, got "${appType}".`,
    );
  }
  const appId = env.MicrosoftAppId?.trim() || undefined;
  const appPassword = env.MicrosoftAppPassword?.trim() || undefined;
  const appTenantId = env.MicrosoftAppTenantId?.trim() || undefined;
  const federatedClientId = env.MicrosoftAppFederatedClientId?.trim() || undefined;
  if (!appId && appType !== 'MultiTenant') {
    // Development mode has no app id; a SingleTenant or managed-identity bot without one is a
    // deployment that lost its id (e.g. botIdentity=AppRegistration without appRegistrationClientId).
    throw new ConfigError(
      'MicrosoftAppId',
      `is required when MicrosoftAppType is ${appType}: set the bot's app (client) id (for an app registration deployed with infra/main.bicep, its appRegistrationClientId parameter), or unset MicrosoftAppType for development mode.`,
    );
  }
  if (federatedClientId && appType !== 'SingleTenant') {
    throw new ConfigError(
      'MicrosoftAppFederatedClientId',
      `is only for MicrosoftAppType=SingleTenant (an app registration trusting a managed identity), not ${appType}. Unset it, or set MicrosoftAppType=SingleTenant.`,
    );
  }
  if (federatedClientId && appPassword) {
    throw new ConfigError(
      'MicrosoftAppPassword',
      'must not be set together with MicrosoftAppFederatedClientId: choose the federated credential (no secret) or the client secret, not both.',
    );
  }
  if (appId && appType !== 'UserAssignedMsi' && !appPassword && !federatedClientId) {
    throw new ConfigError(
      'MicrosoftAppPassword',
      `is required when MicrosoftAppId is set and MicrosoftAppType is ${appType}. Set the client secret, or (SingleTenant) MicrosoftAppFederatedClientId to sign in through a managed identity, or use MicrosoftAppType=UserAssignedMsi.`,
    );
  }
  if (appId && appType !== 'MultiTenant' && !appTenantId) {
    throw new ConfigError(
      'MicrosoftAppTenantId',
      `is required when MicrosoftAppType is ${appType}. Set it to your Microsoft Entra tenant id.`,
    );
  }
  const cosmosEndpoint = env.COSMOS_ENDPOINT?.trim() || undefined;
  if (store === 'cosmos') {
    if (!cosmosEndpoint)
      throw new ConfigError(
        'COSMOS_ENDPOINT',
        'is required when STORE=cosmos. Set it to the account URL, e.g. https://myaccount.documents.azure.com:443/.',
      );
    if (!/^https?:\/\//.test(cosmosEndpoint))
      throw new ConfigError('COSMOS_ENDPOINT', `must be an http(s) URL, got "${cosmosEndpoint}".`);
  }
  const defaultTimeZone = env.DEFAULT_TIMEZONE?.trim() || 'Europe/London';
  if (!isValidTimeZone(defaultTimeZone)) {
    throw new ConfigError(
      'DEFAULT_TIMEZONE',
      `must be an IANA time zone such as Europe/London, got "${defaultTimeZone}".`,
    );
  }
  const port = intSetting(env, 'PORT', 3978, 0, 65535); // 0 = any free port (tests)
  const devMode = !appId;
  const host = env.HOST?.trim() || (devMode ? '127.0.0.1' : '0.0.0.0');
  if (devMode && host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    throw new ConfigError(
      'HOST',
      'must be a loopback address in development mode (no MicrosoftAppId): authentication is off, so the bot must not be reachable from other machines.',
    );
  }
  const minGroupSize = intSetting(env, 'MIN_GROUP_SIZE', 5, 5, 1000);
  const linkSigningKey = env.LINK_SIGNING_KEY?.trim() || undefined;
  if (linkSigningKey !== undefined && linkSigningKey.length < 32) {
    throw new ConfigError(
      'LINK_SIGNING_KEY',
      'must be at least 32 characters (for example: openssl rand -hex 32), or unset to let the bot make one.',
    );
  }
  const allowedTenants = tenantsSetting(env, devMode);
  const publicBaseUrl = (
    env.PUBLIC_BASE_URL?.trim() || `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`
  ).replace(/\/+$/, '');
  return {
    port,
    host,
    microsoftAppId: appId,
    microsoftAppPassword: appPassword,
    microsoftAppTenantId: appTenantId,
    microsoftAppType: appType,
    microsoftAppFederatedClientId: federatedClientId,
    devMode,
    store,
    dataDir: env.DATA_DIR?.trim() || './data',
    cosmosEndpoint,
    cosmosKey: env.COSMOS_KEY?.trim() || undefined,
    cosmosDatabase: env.COSMOS_DATABASE?.trim() || 'leadership-nudges',
    allowedTenants,
    allowAnyTenant: allowedTenants.length === 0 && env.ALLOWED_TENANTS?.trim() === '*',
    defaultTimeZone,
    retentionDays: intSetting(env, 'RETENTION_DAYS', 730, 1, 3650),
    minGroupSize,
    insightsViewers: listSetting(env, 'INSIGHTS_VIEWERS'),
    tenantRateLimit: intSetting(env, 'TENANT_RATE_LIMIT', 50, 1, 10000),
    catchUpGraceHours: intSetting(env, 'CATCH_UP_GRACE_HOURS', 12, 0, 168),
    senderLeaseSeconds: intSetting(env, 'SENDER_LEASE_SECONDS', 60, 3, 3600),
    sendTimeoutMs: intSetting(env, 'SEND_TIMEOUT_MS', 15_000, 100, 120_000),
    schedulerEnabled: boolSetting(env, 'SCHEDULER_ENABLED', true),
    publicBaseUrl,
    linkSigningKey,
    appInsightsConnectionString: env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim() || undefined,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
  };
}
