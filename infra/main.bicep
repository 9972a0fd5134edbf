// Leadership Nudges on Azure: one resource group holding the bot's web app, its Azure Bot
// registration, Cosmos DB (serverless) and Application Insights. No secrets: the web app, the
// bot and Cosmos DB all use one user-assigned managed identity.
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

@description('Days answers, reflections and deliveries are kept (RETENTION_DAYS).')
param retentionDays int = 730

@description('Cosmos DB continuous backup window for point-in-time restore. 7 days is free; 30 days is charged per GB.')
@allowed(['Continuous7Days', 'Continuous30Days'])
param backupTier string = 'Continuous30Days'

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

// Every name in PRODUCTION_SETTINGS (src/config.ts) must be here.
var appSettings = {
  MicrosoftAppId: identity.properties.clientId
  MicrosoftAppType: 'UserAssignedMsi'
  MicrosoftAppTenantId: tenant().tenantId
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
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppTenantId: tenant().tenantId
    msaAppMSIResourceId: identity.id
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

@description('The bot\'s Microsoft App ID (the managed identity client id): BOT_ID for `npm run package`.')
output botId string = identity.properties.clientId

output botName string = bot.name
output webAppName string = webApp.name
output cosmosEndpoint string = cosmos.properties.documentEndpoint
