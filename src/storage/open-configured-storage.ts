import type { TokenCredential } from '@azure/identity';
import type { StorageSettings } from '../config';
import type { Clock } from '../support/clock';
import type { Logger } from '../support/logger';
import { openAzureStorage } from './open-azure-storage';
import { openSqliteStorage } from './open-sqlite-storage';
import { retryUntilReady } from './retry-until-ready';
import type { StorageBundle } from './storage-bundle';

export interface ConfiguredStorage extends StorageBundle {
  /** Resolves once the backend can be used (tables and container exist); retries with backoff until then. */
  ready(): Promise<void>;
  /** False until ready() succeeded: /healthz answers 503 "storage unavailable" meanwhile. */
  readonly isReady: boolean;
}

export interface ConfiguredStorageDeps {
  clock?: Clock;
  logger: Logger;
  /** The app's Entra credential, for Azure storage addressed by URL instead of a connection string. */
  credential?: TokenCredential;
}

/** The backend STORAGE names: embedded SQLite in DATA_DIR (default) or Azure Table + Blob storage. */
export function openConfiguredStorage(settings: StorageSettings, deps: ConfiguredStorageDeps): ConfiguredStorage {
  if (settings.kind === 'sqlite') {
    // Opened (and migrated) right here: a local file that cannot be opened is a setup error, not an outage.
    const sqlite = openSqliteStorage(settings.dataDir, deps.clock);
    return { ...sqlite, ready: async () => undefined, isReady: true };
  }
  const azure = openAzureStorage({ ...settings.azure, credential: deps.credential }, deps.clock);
  let readiness: Promise<void> | undefined;
  let closed = false;
  const storage: ConfiguredStorage = {
    requests: azure.requests,
    conversations: azure.conversations,
    botState: azure.botState,
    audit: azure.audit,
    exports: azure.exports,
    bulkItems: azure.bulkItems,
    slots: azure.slots,
    isReady: false,
    ready() {
      readiness ??= retryUntilReady(() => azure.prepare(), { logger: deps.logger, what: 'storage', stopped: () => closed }).then(() => {
        (storage as { isReady: boolean }).isReady = true;
      });
      return readiness;
    },
    close() {
      closed = true;
      azure.close();
    },
  };
  return storage;
}
