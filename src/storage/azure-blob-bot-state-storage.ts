import type { Storage, StoreItems } from 'botbuilder';

/**
 * Bot Framework state (dialogs) in Azure Blob storage through botbuilder-azure-blobs' BlobsStorage.
 * BlobsStorage creates its container on first use and keeps a failed first attempt forever, so one
 * outage at the wrong moment would break dialogs until a restart. This wrapper starts a fresh
 * BlobsStorage after any failure other than an eTag conflict (the container itself is created, with
 * retries, at start-up: see open-azure-storage.ts).
 */
export class AzureBlobBotStateStorage implements Storage {
  private current: Storage;

  constructor(private readonly create: () => Storage) {
    this.current = create();
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.run((storage) => storage.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.run((storage) => storage.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.run((storage) => storage.delete(keys));
  }

  private async run<T>(operation: (storage: Storage) => Promise<T>): Promise<T> {
    const storage = this.current;
    try {
      return await operation(storage);
    } catch (error) {
      const conflict = error instanceof Error && /due to eTag conflict/.test(error.message);
      if (!conflict && this.current === storage) this.current = this.create();
      throw error;
    }
  }
}
