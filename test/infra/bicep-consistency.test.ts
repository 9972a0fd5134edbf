import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRODUCTION_SETTINGS } from '../../src/config';
import { CONTAINERS } from '../../src/store/containers';
import { findBicepDrift } from './bicep-drift';

const BICEP = readFileSync(join(__dirname, '..', '..', 'infra', 'main.bicep'), 'utf8');

describe('infra/main.bicep stays in step with the code', () => {
  it('declares the containers, app settings and resource settings the code expects', () => {
    expect(findBicepDrift(BICEP)).toEqual([]);
  });

  it('reports a container renamed in main.bicep only', () => {
    const renamed = BICEP.replace("name: 'deliveries'", "name: 'delivery'");
    expect(renamed).not.toBe(BICEP);
    expect(findBicepDrift(renamed)).toEqual([
      'container "deliveries" is in src/store/containers.ts but not in main.bicep',
      'container "delivery" is in main.bicep but not in src/store/containers.ts',
    ]);
  });

  it('reports a changed partition key and TTL', () => {
    const changed = BICEP.replace(
      "partitionKey: '/teamId'\n    defaultTtl: -1",
      "partitionKey: '/tenantId'\n    defaultTtl: 3600",
    );
    expect(findBicepDrift(changed)).toEqual([
      'container "teams": partition key /tenantId in main.bicep, /teamId in code',
      'container "teams": defaultTtl 3600 in main.bicep, -1 in code',
    ]);
  });

  it('reports a production setting missing from the web app', () => {
    const missing = BICEP.replace(/^\s*COSMOS_ENDPOINT: .*\n/m, '');
    expect(findBicepDrift(missing)).toEqual([
      'app setting COSMOS_ENDPOINT (PRODUCTION_SETTINGS in src/config.ts) is missing from main.bicep',
    ]);
  });

  it('reports a web app on the wrong runtime and a bot of the wrong type', () => {
    const wrong = BICEP.replace("'NODE|22-lts'", "'NODE|18-lts'").replace("'UserAssignedMSI'", "'MultiTenant'");
    expect(findBicepDrift(wrong)).toEqual([
      "main.bicep lacks linuxFxVersion: 'NODE|22-lts'",
      "main.bicep lacks msaAppType: useAppRegistration ? 'SingleTenant' : 'UserAssignedMSI'",
    ]);
  });

  it('reports a bot identity choice that allows the retired multi-tenant bot, or a web app that signs in as another app', () => {
    const wrong = BICEP.replace(
      "@allowed(['ManagedIdentity', 'AppRegistration'])",
      "@allowed(['ManagedIdentity', 'AppRegistration', 'MultiTenant'])",
    )
      .replace('msaAppId: botAppId', 'msaAppId: appRegistrationClientId')
      .replace(
        "MicrosoftAppFederatedClientId: useFederatedCredential ? identity.properties.clientId : ''",
        "MicrosoftAppFederatedClientId: ''",
      );
    expect(findBicepDrift(wrong)).toEqual([
      "app setting MicrosoftAppFederatedClientId must be the managed identity's client id when federated",
      "main.bicep lacks botIdentity defaulting to 'ManagedIdentity' (no MultiTenant)",
      'main.bicep lacks the bot and web app on one app id',
    ]);
  });

  it('reports a container renamed in the code only', () => {
    const containers = Object.values(CONTAINERS).map((c) => (c.name === 'leases' ? { ...c, name: 'locks' } : c));
    expect(findBicepDrift(BICEP, { containers, settings: PRODUCTION_SETTINGS })).toEqual([
      'container "locks" is in src/store/containers.ts but not in main.bicep',
      'container "leases" is in main.bicep but not in src/store/containers.ts',
    ]);
  });

  it('reports a production setting added to the code only', () => {
    const settings = [...PRODUCTION_SETTINGS, 'NEW_REQUIRED_SETTING'];
    expect(findBicepDrift(BICEP, { containers: Object.values(CONTAINERS), settings })).toEqual([
      'app setting NEW_REQUIRED_SETTING (PRODUCTION_SETTINGS in src/config.ts) is missing from main.bicep',
    ]);
  });

  it('reports the review findings coming back: a default tenant, NODE_OPTIONS, account-wide data role, basic auth', () => {
    const regressed = BICEP.replace(/^param allowedTenants string$/m, 'param allowedTenants string = tenant().tenantId')
      .replace(
        'RETENTION_DAYS: string(retentionDays)',
        "RETENTION_DAYS: string(retentionDays)\n  NODE_OPTIONS: '--max-old-space-size=160'",
      )
      .replace("appCommandLine: 'node --max-old-space-size=160 scripts/start.js'", "appCommandLine: 'npm start'")
      .replace("scope: '${cosmos.id}/dbs/${databaseName}'", 'scope: cosmos.id')
      .replace("name: 'scm'\n  properties: { allow: false }", "name: 'scm'\n  properties: { allow: true }");
    expect(findBicepDrift(regressed)).toEqual([
      'app setting NODE_OPTIONS must not be set (it would cap the build too): use appCommandLine',
      "main.bicep lacks appCommandLine: 'node --max-old-space-size=160 scripts/start.js'",
      'main.bicep lacks SCM basic publishing credentials off',
      'main.bicep lacks Cosmos data role scoped to the database',
      'main.bicep lacks allowedTenants without a default (required)',
    ]);
  });
});
