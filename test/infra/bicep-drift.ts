import { INSTANCE_NODE_OPTIONS, loadConfig, PRODUCTION_SETTINGS } from '../../src/config';
import { CONTAINERS, type ContainerSpec } from '../../src/store/containers';

/** What the code expects of the infrastructure; tests pass a changed copy to prove drift is caught. */
export interface CodeExpectations {
  containers: readonly ContainerSpec[];
  settings: readonly string[];
}

const FROM_CODE: CodeExpectations = { containers: Object.values(CONTAINERS), settings: PRODUCTION_SETTINGS };

/**
 * Finds where infra/main.bicep disagrees with the code: Cosmos containers (name, partition key,
 * default TTL) against CONTAINERS, app settings against PRODUCTION_SETTINGS, and the web app, bot
 * and Cosmos settings the issue requires. Returns one line per problem; empty when in step.
 * Reads the Bicep as text (no Bicep compiler here), so it relies on the file's layout: the
 * `var containers = [...]` and `var appSettings = {...}` blocks end with `]`/`}` at column 0.
 */
export function findBicepDrift(bicep: string, code: CodeExpectations = FROM_CODE): string[] {
  return [
    ...findContainerDrift(bicep, code.containers),
    ...findSettingsDrift(bicep, code.settings),
    ...findResourceDrift(bicep),
  ];
}

type Literal = string | number | boolean;

function block(bicep: string, opener: RegExp): string | undefined {
  const lines = bicep.split(/\r?\n/);
  const start = lines.findIndex((l) => opener.test(l));
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && /^[\]}]/.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

function parseLiteral(raw: string): Literal | undefined {
  const value = raw.trim();
  if (/^'.*'$/.test(value)) return value.slice(1, -1);
  if (/^-?\d+$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}

function parseContainers(bicep: string): Record<string, Literal | undefined>[] | undefined {
  const body = block(bicep, /^var containers = \[/);
  if (body === undefined) return undefined;
  return [...body.matchAll(/\{([^{}]*)\}/g)].map((m) => {
    const entry: Record<string, Literal | undefined> = {};
    for (const [, key, value] of (m[1] ?? '').matchAll(/^\s*(\w+):\s*(.+)$/gm)) entry[key!] = parseLiteral(value!);
    return entry;
  });
}

function findContainerDrift(bicep: string, expected: readonly ContainerSpec[]): string[] {
  const declared = parseContainers(bicep);
  if (!declared) return ['main.bicep has no `var containers = [` block'];
  const problems: string[] = [];
  for (const spec of expected) {
    const found = declared.find((c) => c.name === spec.name);
    if (!found) {
      problems.push(`container "${spec.name}" is in src/store/containers.ts but not in main.bicep`);
      continue;
    }
    if (found.partitionKey !== spec.partitionKey)
      problems.push(
        `container "${spec.name}": partition key ${String(found.partitionKey)} in main.bicep, ${spec.partitionKey} in code`,
      );
    const ttl = spec.defaultTtl;
    if (found.defaultTtl !== ttl)
      problems.push(
        `container "${spec.name}": defaultTtl ${String(found.defaultTtl)} in main.bicep, ${String(ttl)} in code`,
      );
  }
  for (const c of declared) {
    if (!expected.some((spec) => spec.name === c.name))
      problems.push(`container "${String(c.name)}" is in main.bicep but not in src/store/containers.ts`);
  }
  if (!/resource: union\(\s*\{\s*id: c\.name/.test(bicep))
    problems.push('the Cosmos containers are not created from `containers`');
  return problems;
}

function findSettingsDrift(bicep: string, expected: readonly string[]): string[] {
  const body = block(bicep, /^var appSettings = \{/);
  if (body === undefined) return ['main.bicep has no `var appSettings = {` block'];
  const settings = new Map([...body.matchAll(/^\s*(\w+):\s*(.+)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
  const problems = expected
    .filter((name) => !settings.has(name))
    .map((name) => `app setting ${name} (PRODUCTION_SETTINGS in src/config.ts) is missing from main.bicep`);
  if (!/appSettings: \[for (\w+) in items\(appSettings\): \{ name: \1\.key, value: \1\.value \}\]/.test(bicep))
    problems.push("the web app's siteConfig.appSettings is not built from `var appSettings`");
  const expectLiteral = (name: string, value: string) => {
    if (settings.get(name) !== `'${value}'`) problems.push(`app setting ${name} must be '${value}'`);
  };
  if (settings.get('MicrosoftAppType') !== "useAppRegistration ? 'SingleTenant' : 'UserAssignedMsi'")
    problems.push("app setting MicrosoftAppType must be useAppRegistration ? 'SingleTenant' : 'UserAssignedMsi'");
  if (settings.get('MicrosoftAppFederatedClientId') !== "useFederatedCredential ? identity.properties.clientId : ''")
    problems.push("app setting MicrosoftAppFederatedClientId must be the managed identity's client id when federated");
  expectLiteral('STORE', 'cosmos');
  expectLiteral('WEBSITE_NODE_DEFAULT_VERSION', '~22');
  if (settings.has('NODE_OPTIONS'))
    problems.push('app setting NODE_OPTIONS must not be set (it would cap the build too): use appCommandLine');
  if (settings.get('COSMOS_DATABASE') !== 'databaseName')
    problems.push('app setting COSMOS_DATABASE must be databaseName');
  return problems;
}

function findResourceDrift(bicep: string): string[] {
  const required: [string, RegExp][] = [
    ["linuxFxVersion: 'NODE|22-lts'", /linuxFxVersion: 'NODE\|22-lts'/],
    ['httpsOnly: true', /httpsOnly: true/],
    ["minTlsVersion: '1.2'", /minTlsVersion: '1\.2'/],
    ["ftpsState: 'Disabled'", /ftpsState: 'Disabled'/],
    ["healthCheckPath: '/healthz'", /healthCheckPath: '\/healthz'/],
    [
      "msaAppType: useAppRegistration ? 'SingleTenant' : 'UserAssignedMSI'",
      /msaAppType: useAppRegistration \? 'SingleTenant' : 'UserAssignedMSI'/,
    ],
    [
      "botIdentity defaulting to 'ManagedIdentity' (no MultiTenant)",
      /@allowed\(\['ManagedIdentity', 'AppRegistration'\]\)\nparam botIdentity string = 'ManagedIdentity'/,
    ],
    ['the bot and web app on one app id', /msaAppId: botAppId/],
    ['bot endpoint https://<host>/api/messages', /endpoint: 'https:\/\/\$\{hostName\}\/api\/messages'/],
    ["channelName: 'MsTeamsChannel'", /channelName: 'MsTeamsChannel'/],
    ["capabilities: [{ name: 'EnableServerless' }]", /name: 'EnableServerless'/],
    ['disableLocalAuth: true', /disableLocalAuth: true/],
    ["backupPolicy type 'Continuous'", /type: 'Continuous'/],
    ['Cosmos DB Built-in Data Contributor role', /sqlRoleDefinitions\/00000000-0000-0000-0000-000000000002/],
    ["autoscale on 'CpuPercentage'", /metricName: 'CpuPercentage'/],
    [
      `appCommandLine: 'node ${INSTANCE_NODE_OPTIONS} scripts/start.js'`,
      new RegExp(`appCommandLine: 'node ${INSTANCE_NODE_OPTIONS} scripts/start\\.js'`),
    ],
    ['SCM basic publishing credentials off', /name: 'scm'\n\s*properties: \{ allow: false \}/],
    ['FTP basic publishing credentials off', /name: 'ftp'\n\s*properties: \{ allow: false \}/],
    ['Cosmos data role scoped to the database', /scope: '\$\{cosmos\.id\}\/dbs\/\$\{databaseName\}'/],
    ['allowedTenants without a default (required)', /^param allowedTenants string$/m],
  ];
  const problems = required.filter(([, pattern]) => !pattern.test(bicep)).map(([what]) => `main.bicep lacks ${what}`);
  const database = /^var databaseName = '([^']+)'/m.exec(bicep)?.[1];
  const expectedDatabase = loadConfig({}).cosmosDatabase;
  if (database !== expectedDatabase)
    problems.push(`database name ${String(database)} in main.bicep, ${expectedDatabase} is the code's default`);
  return problems;
}
