// Leadership Nudges on Azure: one resource group holding the bot's web app, its Azure Bot
// registration, Cosmos DB (serverless) and Application Insights. No secrets by default: the web
// app and Cosmos DB use one user-assigned managed identity, and so does the bot unless
// botIdentity is 'AppRegistration' (the identity for practices in another tenant, e.g. NHSmail:
// an Entra app registration that signs in through a federated credential trusting that same
// managed identity, or with a Key Vault secret; see infra/README.md).
//
// NOT compiled on the machine it was written on (no Bicep compiler there). Run `az bicep build
// -f infra/main.bicep` before the first deployment. test/infra/bicep-consistency.test.ts keeps the
// containers and app settings below in step with src/store/containers.ts and src/config.ts.

targetScope = 'resourceGroup'

@description('Prefix for every resource name, e.g. "nudges-nhsx". The web app becomes <prefix>-app.azurewebsites.net, so it must be globally unique.')
@minLength(3)
@maxLength(24)
param namePrefix string

@description('Azure region for everything except the Azure Bot, which is global.')
param location string = resourceGroup().location

@description('App Service plan SKU. Autoscale needs Standard (S1) or Premium v3 (P0v3 and up).')
param skuName string = 'P0v3'

@description('Instances the plan starts with.')
@minValue(1)
param instances int = 1

@description('Most instances autoscale may add (sends are bound by Teams\' per-tenant limit; interactions scale with instances).')
@minValue(1)
@maxValue(30)
param maxInstances int = 3

@description('Azure Bot pricing tier. F0 is free (standard channels such as Teams are free on either).')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('Required. Comma-separated Microsoft Entra tenant ids whose Teams users may use the bot (ALLOWED_TENANTS): the tenant(s) the practices\' Teams accounts live in. For NHSmail users this is the NHSmail shared tenant, NOT the tenant of this Azure subscription; a wrong value makes the bot refuse everyone. Find it in Teams admin centre or with `az account show --query tenantId` signed in as a user of that tenant.')
@minLength(36)
param allowedTenants string

@description('How the bot signs in to Teams. ManagedIdentity (default): the Azure Bot is the user-assigned managed identity, single-tenant in this subscription\'s tenant; no Microsoft page says it serves users of another tenant. AppRegistration: Azure Bot SingleTenant with an Entra app registration for "accounts in any organisational directory" (the documented path for users in another tenant such as NHSmail), made with the az CLI steps in infra/README.md; give its client id in appRegistrationClientId.')
@allowed(['ManagedIdentity', 'AppRegistration'])
param botIdentity string = 'ManagedIdentity'

@description('AppRegistration only: the app registration\'s application (client) id.')
param appRegistrationClientId string = ''

@description('AppRegistration only: its credential. Federated (default): a federated identity credential on the app registration trusts this deployment\'s managed identity (no secret anywhere). KeyVaultSecret: a client secret kept in Key Vault, read by the web app through a Key Vault reference (appRegistrationSecretUri).')
@allowed(['Federated', 'KeyVaultSecret'])
param appRegistrationCredential string = 'Federated'

@description('AppRegistration with KeyVaultSecret only: the secret\'s Key Vault URI, e.g. https://<vault>.vault.azure.net/secrets/bot-secret. The managed identity needs "Key Vault Secrets User" on it.')
param appRegistrationSecretUri string = ''

@description('Days answers, reflections and deliveries are kept (RETENTION_DAYS).')
param retentionDays int = 730

@description('Cosmos DB continuous backup window for point-in-time restore. 7 days is free; 30 days is charged per GB.')
@allowed(['Continuous7Days', 'Continuous30Days'])
param backupTier string = 'Continuous30Days'

var useAppRegistration = botIdentity == 'AppRegistration'
var useFederatedCredential = useAppRegistration && appRegistrationCredential == 'Federated'
var useKeyVaultSecret = useAppRegistration && appRegistrationCredential == 'KeyVaultSecret'

var appName = '${namePrefix}-app'
var hostName = '${appName}.azurewebsites.net'
var databaseName = 'leadership-nudges'

// Must match CONTAINERS in src/store/containers.ts (name, partition key path, default TTL).
// dueIndex adds the composite index the weekly due query needs (status = x ORDER BY nextDueAt).
var containers = [
  {
    name: 'users'
    partitionKey: '/userId'
    defaultTtl: -1
    dueIndex: true
  }
  {
    name: 'teams'
    partitionKey: '/teamId'
    defaultTtl: -1
    dueIndex: true
  }
  {
    name: 'deliveries'
    partitionKey: '/ownerId'
    defaultTtl: -1
    dueIndex: false
  }
  {
    name: 'responses'
    partitionKey: '/userId'
    defaultTtl: -1
    dueIndex: false
  }
  {
    name: 'aggregates'
    partitionKey: '/groupId'
    defaultTtl: -1
    dueIndex: false
  }
  {
    name: 'leases'
    partitionKey: '/id'
    defaultTtl: -1
    dueIndex: false
  }
  {
    name: 'exports'
    partitionKey: '/userId'
    defaultTtl: -1
    dueIndex: false
  }
  {
    name: 'rollout'
    partitionKey: '/tenantId'
    defaultTtl: -1
    dueIndex: false
  }
  {
    name: 'practices'
    partitionKey: '/tenantId'
    defaultTtl: -1
    dueIndex: false
  }
]

var dueCompositeIndexes = [
  [
    { path: '/status', order: 'ascending' }
    { path: '/nextDueAt', order: 'ascending' }
  ]
  [
    { path: '/status', order: 'ascending' }
    { path: '/nextDueAt', order: 'ascending' }
    { path: '/id', order: 'ascending' }
  ]
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-ai'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: toLower('${namePrefix}-cosmos')
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: [{ name: 'EnableServerless' }]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: { tier: backupTier }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: databaseName
  properties: {
    resource: { id: databaseName }
  }
}

resource cosmosContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [
  for c in containers: {
    parent: database
    name: c.name
    properties: {
      resource: union(
        {
          id: c.name
          partitionKey: { paths: [c.partitionKey], kind: 'Hash' }
          indexingPolicy: {
            indexingMode: 'consistent'
            automatic: true
            includedPaths: [{ path: '/*' }]
            excludedPaths: [{ path: '/"_etag"/?' }]
            compositeIndexes: c.dueIndex ? dueCompositeIndexes : []
          }
        },
        c.?defaultTtl == null ? {} : { defaultTtl: c.?defaultTtl }
      )
    }
  }
]

// Built-in "Cosmos DB Built-in Data Contributor": read and write items, no account management;
// scoped to the app's database only, not the whole account.
resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, '00000000-0000-0000-0000-000000000002', databaseName)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: identity.properties.principalId
    scope: '${cosmos.id}/dbs/${databaseName}'
  }
  dependsOn: [database]
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${namePrefix}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: skuName
    capacity: instances
  }
  properties: {
    reserved: true
  }
}

// The bot's Microsoft App ID: the managed identity's client id, or the app registration's.
var botAppId = useAppRegistration ? appRegistrationClientId : identity.properties.clientId

// Every name in PRODUCTION_SETTINGS (src/config.ts) must be here.
var appSettings = {
  MicrosoftAppId: botAppId
  MicrosoftAppType: useAppRegistration ? 'SingleTenant' : 'UserAssignedMsi'
  MicrosoftAppTenantId: tenant().tenantId
  MicrosoftAppFederatedClientId: useFederatedCredential ? identity.properties.clientId : ''
  MicrosoftAppPassword: useKeyVaultSecret ? '@Microsoft.KeyVault(SecretUri=${appRegistrationSecretUri})' : ''
  AZURE_CLIENT_ID: identity.properties.clientId
  STORE: 'cosmos'
  COSMOS_ENDPOINT: cosmos.properties.documentEndpoint
  COSMOS_DATABASE: databaseName
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  PUBLIC_BASE_URL: 'https://${hostName}'
  ALLOWED_TENANTS: allowedTenants
  RETENTION_DAYS: string(retentionDays)
  WEBSITE_NODE_DEFAULT_VERSION: '~22'
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      // The heap ceiling (INSTANCE_NODE_OPTIONS in src/config.ts) on the bot's own command line, not in
      // NODE_OPTIONS: that would also cap the Oryx build's tsc and any rebuild at start.
      appCommandLine: 'node --max-old-space-size=160 scripts/start.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      appSettings: [for s in items(appSettings): { name: s.key, value: s.value }]
    }
  }
  dependsOn: [cosmosDataContributor, cosmosContainers]
}

// No basic (user name and password) publishing credentials: deployments sign in with Entra ID
// (`az webapp deploy` does), and a leaked publish profile cannot deploy code.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'scm'
  properties: { allow: false }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'ftp'
  properties: { allow: false }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: 'Leadership Nudges'
    endpoint: 'https://${hostName}/api/messages'
    msaAppType: useAppRegistration ? 'SingleTenant' : 'UserAssignedMSI'
    msaAppId: botAppId
    msaAppTenantId: tenant().tenantId
    msaAppMSIResourceId: useAppRegistration ? null : identity.id
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
    }
  }
}

// CPU autoscale: add an instance above 70% for 10 minutes, remove one below 30%.
resource autoscale 'Microsoft.Insights/autoscalesettings@2022-10-01' = {
  name: '${namePrefix}-autoscale'
  location: location
  properties: {
    enabled: true
    targetResourceUri: plan.id
    profiles: [
      {
        name: 'cpu'
        capacity: {
          minimum: '1'
          maximum: string(maxInstances)
          default: string(instances)
        }
        rules: [
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT10M'
              timeAggregation: 'Average'
              operator: 'GreaterThan'
              threshold: 70
            }
            scaleAction: {
              direction: 'Increase'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT10M'
            }
          }
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT10M'
              timeAggregation: 'Average'
              operator: 'LessThan'
              threshold: 30
            }
            scaleAction: {
              direction: 'Decrease'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT10M'
            }
          }
        ]
      }
    ]
  }
}

@description('Host name of the web app: PUBLIC_HOSTNAME for `npm run package`.')
output appHostName string = webApp.properties.defaultHostName

@description('The bot\'s Microsoft App ID (the managed identity\'s or the app registration\'s client id): BOT_ID for `npm run package`.')
output botId string = botAppId

@description('For the app registration\'s federated credential (infra/README.md): the managed identity\'s object (principal) id is its subject.')
output managedIdentityPrincipalId string = identity.properties.principalId

output botName string = bot.name
output webAppName string = webApp.name
output cosmosEndpoint string = cosmos.properties.documentEndpoint
