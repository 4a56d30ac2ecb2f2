// Token Guard in Azure: what the README's "Deploy to your tenant" steps would otherwise create by hand.
// - App Service (Linux, Node 20) with a system-assigned managed identity, HTTPS only, /healthz probe
// - Azure Bot, single-tenant, with the Microsoft Teams channel only (Web Chat and Direct Line off)
// - Storage account (Tables + Blobs) for STORAGE=azure, so the app can scale out
// - Application Insights (workspace-based) for APPLICATIONINSIGHTS_CONNECTION_STRING
// - every app setting Token Guard reads in production (see env.sample; a test keeps them in step)

@description('Short name used for every resource (letters and digits, 3-16 characters).')
@minLength(3)
@maxLength(16)
param resourceBaseName string

param location string = resourceGroup().location

@description('The Azure Bot\'s Microsoft App ID (the single-tenant app registration). m365agents.yml passes BOT_ID.')
param botAppId string

@secure()
@description('A client secret of that app registration. m365agents.yml passes SECRET_BOT_PASSWORD.')
param botAppPassword string

@description('Your Entra tenant (Directory) ID: the app registration\'s tenant, and the only tenant whose users may use the bot.')
param tenantId string = subscription().tenantId

@description('How the bot calls Graph: botApp (the bot\'s app registration and secret; grant it the Graph permission), managedIdentity (the App Service identity), or separateApp (graphClientId + graphClientSecret).')
@allowed(['botApp', 'managedIdentity', 'separateApp'])
param graphCredential string = 'botApp'
param graphClientId string = ''
@secure()
param graphClientSecret string = ''

@description('Comma-separated Entra object ids of the approvers (and/or approverGroupId).')
param approverIds string = ''
param approverGroupId string = ''
param requesterIds string = ''
param requesterGroupId string = ''
@description('Teams channel (19:...@thread.tacv2) where requests typed in personal chat are approved.')
param approvalChannelId string = ''
@description('Install Token Guard in personal scope for approvers without a 1:1 chat, so they can be told of requests privately (needs the Graph application permission TeamsAppInstallation.ReadWriteForUser.All and teamsAppCatalogId).')
param notifyInstall bool = false
@description('Token Guard\'s id in the tenant\'s Teams app catalog (Teams admin center → Manage apps → Token Guard → App ID); required when notifyInstall is true.')
param teamsAppCatalogId string = ''

param requestTtlMinutes int = 1440
@description('Revokes of profiles with at least this many enrolled devices need two distinct approvers (empty: off).')
param quorumDeviceThreshold string = ''
param revokeConcurrency int = 4
@allowed(['debug', 'info', 'warn', 'error'])
param logLevel string = 'info'

@description('App Service plan size: B1 is enough for one tenant; use P0v3+ for several instances.')
param appServiceSku string = 'B1'
param instanceCount int = 1

var names = {
  plan: '${resourceBaseName}-plan'
  site: '${resourceBaseName}-app'
  bot: '${resourceBaseName}-bot'
  insights: '${resourceBaseName}-insights'
  workspace: '${resourceBaseName}-logs'
  storage: toLower(take('${replace(resourceBaseName, '-', '')}store${uniqueString(resourceGroup().id)}', 24))
}
var botDomain = '${names.site}.azurewebsites.net'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.workspace
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'Node.JS'
    WorkspaceResourceId: workspace.id
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: names.storage
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: names.plan
  location: location
  kind: 'linux'
  sku: { name: appServiceSku, capacity: instanceCount }
  properties: { reserved: true }
}

var graphClient = graphCredential == 'botApp' ? botAppId : graphCredential == 'separateApp' ? graphClientId : ''
var graphSecret = graphCredential == 'botApp' ? botAppPassword : graphCredential == 'separateApp' ? graphClientSecret : ''
var storageConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: names.site
  location: location
  kind: 'app,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'npm start'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/healthz'
      appSettings: [
        // Bot Framework: single-tenant (Azure no longer creates multi-tenant bots)
        { name: 'MicrosoftAppId', value: botAppId }
        { name: 'MicrosoftAppPassword', value: botAppPassword }
        { name: 'MicrosoftAppType', value: 'SingleTenant' }
        { name: 'MicrosoftAppTenantId', value: tenantId }
        // Graph, app-only (DeviceManagementConfiguration.ReadWrite.All, admin consent)
        { name: 'AZURE_TENANT_ID', value: tenantId }
        { name: 'AZURE_CLIENT_ID', value: graphClient }
        { name: 'AZURE_CLIENT_SECRET', value: graphSecret }
        { name: 'GRAPH_BASE_URL', value: 'https://graph.microsoft.com' }
        { name: 'AZURE_AUTHORITY_HOST', value: 'https://login.microsoftonline.com' }
        { name: 'GRAPH_TIMEOUT_SECONDS', value: '30' }
        // Who may ask and who may approve
        { name: 'APPROVER_IDS', value: approverIds }
        { name: 'APPROVER_GROUP_ID', value: approverGroupId }
        { name: 'REQUESTER_IDS', value: requesterIds }
        { name: 'REQUESTER_GROUP_ID', value: requesterGroupId }
        { name: 'GROUP_CACHE_SECONDS', value: '60' }
        { name: 'APPROVAL_CHANNEL_ID', value: approvalChannelId }
        // Token hygiene report (report; on schedule to APPROVAL_CHANNEL_ID, cron in UTC)
        { name: 'HYGIENE_EXPIRING_DAYS', value: '14' }
        { name: 'HYGIENE_LONG_LIVED_DAYS', value: '90' }
        { name: 'HYGIENE_OLD_TOKEN_DAYS', value: '180' }
        { name: 'HYGIENE_REPORT_SCHEDULE', value: '0 8 * * 1' }
        // Private 1:1 notifications (installing needs TeamsAppInstallation.ReadWriteForUser.All)
        { name: 'NOTIFY_APPROVERS', value: 'true' }
        { name: 'NOTIFY_REQUESTER', value: 'true' }
        { name: 'NOTIFY_INSTALL', value: string(notifyInstall) }
        { name: 'TEAMS_APP_CATALOG_ID', value: teamsAppCatalogId }
        // Requests and storage
        { name: 'REQUEST_TTL_MINUTES', value: string(requestTtlMinutes) }
        { name: 'EXPIRY_SWEEP_SECONDS', value: '60' }
        { name: 'REVOKE_CONCURRENCY', value: string(revokeConcurrency) }
        { name: 'LEASE_SECONDS', value: '30' }
        { name: 'BULK_MAX_PROFILES', value: '1000' }
        { name: 'BULK_APPROVALS', value: '2' }
        { name: 'GRAPH_WRITES_PER_20S', value: '100' }
        { name: 'QUORUM_DEVICE_THRESHOLD', value: quorumDeviceThreshold }
        { name: 'ROTATE_TOKEN_DAYS', value: '90' }
        { name: 'STORAGE', value: 'azure' }
        { name: 'AZURE_STORAGE_CONNECTION_STRING', value: storageConnectionString }
        { name: 'AZURE_STORAGE_PREFIX', value: 'TokenGuard' }
        { name: 'DATA_DIR', value: '/home/data' }
        { name: 'PUBLIC_BASE_URL', value: 'https://${botDomain}' }
        // Logs (JSON lines on stdout/stderr) and telemetry
        { name: 'LOG_LEVEL', value: logLevel }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        // App Service: install and build on deployment (Oryx runs npm install and npm run build)
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
        { name: 'WEBSITE_NODE_DEFAULT_VERSION', value: '~20' }
      ]
    }
  }
}

resource appLogs 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'logs'
  properties: {
    applicationLogs: { fileSystem: { level: 'Information' } }
    httpLogs: { fileSystem: { enabled: true, retentionInDays: 7, retentionInMb: 35 } }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: 'Token Guard'
    endpoint: 'https://${botDomain}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
    developerAppInsightKey: insights.properties.InstrumentationKey
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

// Web Chat and Direct Line exist on every Azure Bot: switch their sites off. Only Teams vouches for
// the user's Entra identity and tenant (the bot also refuses any channelId but msteams).
resource webChatChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'WebChatChannel'
  location: 'global'
  properties: {
    channelName: 'WebChatChannel'
    properties: {
      sites: [
        { siteName: 'Default Site', isEnabled: false, isWebchatPreviewEnabled: false }
      ]
    }
  }
}

resource directLineChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        { siteName: 'Default Site', isEnabled: false, isV1Enabled: false, isV3Enabled: false, isSecureSiteEnabled: true }
      ]
    }
  }
}

// Read by m365agents.yml (deploy, package) and by the README's runbook.
output BOT_DOMAIN string = botDomain
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = site.id
output BOT_MESSAGING_ENDPOINT string = 'https://${botDomain}/api/messages'
output APP_SERVICE_PRINCIPAL_ID string = site.identity.principalId
output STORAGE_ACCOUNT_NAME string = storage.name
