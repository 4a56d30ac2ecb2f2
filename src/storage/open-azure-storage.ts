import type { TokenCredential } from '@azure/identity';
import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { ContainerClient, type StoragePipelineOptions } from '@azure/storage-blob';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { AzureTableAuditLog } from './azure-table-audit-log';
import type { Clock } from '../support/clock';
import { AzureBlobBotStateStorage } from './azure-blob-bot-state-storage';
import { AzureConversationReferenceStore } from './azure-conversation-reference-store';
import { AzureTableRequestStore } from './azure-table-request-store';
import { AzureExportStore } from './azure-export-store';
import { AzureTableBulkItemStore } from './azure-table-bulk-item-store';
import { AzureTableScheduledSlots } from './azure-table-scheduled-slots';
import type { StorageBundle } from './storage-bundle';

/** Where the Azure data lives: a connection string, or endpoint URLs with an Entra credential. */
export interface AzureStorageSettings {
  /** Account key or SAS connection string (Azurite's too). Wins over the URLs. */
  connectionString?: string;
  /** e.g. https://<account>.table.core.windows.net, or a Cosmos DB account's table endpoint. */
  tableUrl?: string;
  /** e.g. https://<account>.blob.core.windows.net */
  blobUrl?: string;
  /** Used with the URLs (roles: Storage Table Data Contributor, Storage Blob Data Contributor). */
  credential?: TokenCredential;
  /** Letters and digits; tables are <prefix>Requests, <prefix>Conversations, <prefix>Audit, <prefix>Exports, <prefix>Schedule. */
  prefix: string;
}

export interface AzureStorage extends StorageBundle {
  /** Creates the tables and the blob container if missing (one attempt; the caller retries). */
  prepare(): Promise<void>;
}

/**
 * A storage call waits at most this long per try, and is retried twice, quickly: a click must get an
 * answer ("try again") well within the ~15 s Teams waits, even when storage hangs.
 */
const TRY_TIMEOUT_MS = 4_000;
const RETRY = { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1_000 };

/** The blob container for Bot Framework state: lower-case letters, digits and hyphens. */
export function botStateContainerName(prefix: string): string {
  return `${prefix.toLowerCase()}-bot-state`;
}

/** The blob container for one-time export files. */
export function exportsContainerName(prefix: string): string {
  return `${prefix.toLowerCase()}-exports`;
}

/**
 * Requests, conversation references and the audit log in Azure Table storage; dialog state in Blob
 * storage. Nothing is contacted here: call prepare() (with retries) before use.
 */
export function openAzureStorage(settings: AzureStorageSettings, clock?: Clock): AzureStorage {
  const table = (name: string) => tableClient(settings, `${settings.prefix}${name}`);
  const requestsTable = table('Requests');
  const conversationsTable = table('Conversations');
  const auditTable = table('Audit');
  const exportsTable = table('Exports');
  const bulkItemsTable = table('BulkItems');
  const scheduleTable = table('Schedule');
  const containerName = botStateContainerName(settings.prefix);
  const pipeline: StoragePipelineOptions = {
    retryOptions: { maxTries: RETRY.maxRetries + 1, tryTimeoutInMs: TRY_TIMEOUT_MS, retryDelayInMs: RETRY.retryDelayInMs, maxRetryDelayInMs: RETRY.maxRetryDelayInMs },
  };
  const container = containerClient(settings, containerName, pipeline);
  const exportsContainer = containerClient(settings, exportsContainerName(settings.prefix), pipeline);

  const audit = new AzureTableAuditLog(auditTable);
  return {
    requests: new AzureTableRequestStore(requestsTable, audit),
    conversations: new AzureConversationReferenceStore(conversationsTable, clock),
    audit,
    exports: new AzureExportStore(exportsTable, exportsContainer),
    bulkItems: new AzureTableBulkItemStore(bulkItemsTable),
    slots: new AzureTableScheduledSlots(scheduleTable),
    botState: new AzureBlobBotStateStorage(() =>
      settings.connectionString
        ? new BlobsStorage(settings.connectionString, containerName, { storagePipelineOptions: pipeline })
        : new BlobsStorage('', containerName, { storagePipelineOptions: pipeline }, container.url, settings.credential),
    ),
    async prepare() {
      await Promise.all([
        requestsTable.createTable(),
        conversationsTable.createTable(),
        auditTable.createTable(),
        exportsTable.createTable(),
        bulkItemsTable.createTable(),
        scheduleTable.createTable(),
        container.createIfNotExists(),
        exportsContainer.createIfNotExists(),
      ]);
    },
    close() {
      // HTTP clients only: nothing to release.
    },
  };
}

function tableClient(settings: AzureStorageSettings, name: string): TableClient {
  const options: TableServiceClientOptions = { retryOptions: RETRY };
  let client: TableClient;
  if (settings.connectionString) {
    client = TableClient.fromConnectionString(settings.connectionString, name, { ...options, allowInsecureConnection: isHttp(settings.connectionString) });
  } else if (settings.tableUrl && settings.credential) {
    client = new TableClient(settings.tableUrl, name, settings.credential, { ...options, allowInsecureConnection: isHttp(settings.tableUrl) });
  } else {
    throw new Error('Azure storage needs AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_TABLE_URL and AZURE_STORAGE_BLOB_URL.');
  }
  client.pipeline.addPolicy({
    name: 'token-guard-try-timeout',
    sendRequest: (request, next) => {
      if (!request.timeout) request.timeout = TRY_TIMEOUT_MS;
      return next(request);
    },
  });
  return client;
}

function containerClient(settings: AzureStorageSettings, name: string, pipeline: StoragePipelineOptions): ContainerClient {
  if (settings.connectionString) return new ContainerClient(settings.connectionString, name, pipeline);
  if (settings.blobUrl && settings.credential) return new ContainerClient(`${settings.blobUrl.replace(/\/+$/, '')}/${name}`, settings.credential, pipeline);
  throw new Error('Azure storage needs AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_TABLE_URL and AZURE_STORAGE_BLOB_URL.');
}

/** Plain http is only for Azurite on this machine; production endpoints are https. */
function isHttp(endpointOrConnectionString: string): boolean {
  return /(^|=)http:\/\//i.test(endpointOrConnectionString) || /UseDevelopmentStorage=true/i.test(endpointOrConnectionString);
}
