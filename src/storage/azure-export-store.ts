import { odata, type TableClient } from '@azure/data-tables';
import type { ContainerClient } from '@azure/storage-blob';
import type { Download, ExportStore, StoredOffer } from '../exports/export-store';
import { statusOf, tableKey } from './azure-table-entities';

const PARTITION = 'exports';
/** Old offers dropped per put: keeps each put cheap; the rest go with the next ones. */
const FORGET_PER_PUT = 20;

/**
 * One-time downloads on Azure: the offer is a table entity, the file a blob of the same name.
 * `take` marks the entity taken with If-Match on its ETag, so of several instances exactly one
 * wins (the others get 412); only the winner reads the blob, then deletes it.
 */
export class AzureExportStore implements ExportStore {
  constructor(
    private readonly table: TableClient,
    private readonly container: ContainerClient,
  ) {}

  async put(key: string, download: Download, expiresAt: string, forgetBefore: string): Promise<void> {
    await this.forget(forgetBefore).catch(() => undefined); // housekeeping never blocks an export
    const body = Buffer.from(download.body, 'utf8');
    await this.container.getBlockBlobClient(key).upload(body, body.length, { blobHTTPHeaders: { blobContentType: download.contentType } });
    await this.table.createEntity({ partitionKey: PARTITION, rowKey: tableKey(key), FileName: download.fileName, ContentType: download.contentType, ExpiresAt: expiresAt });
  }

  async peek(key: string): Promise<StoredOffer | undefined> {
    const entity = await this.read(key);
    if (!entity) return undefined;
    return {
      fileName: String(entity.FileName),
      contentType: String(entity.ContentType),
      expiresAt: String(entity.ExpiresAt),
      ...(entity.TakenAt ? { takenAt: String(entity.TakenAt) } : {}),
    };
  }

  async take(key: string, now: string): Promise<Download | undefined> {
    const entity = await this.read(key);
    if (!entity || entity.TakenAt) return undefined;
    if (String(entity.ExpiresAt) <= now) {
      // An expired offer gives up its file at once.
      await this.container.getBlockBlobClient(key).deleteIfExists().catch(() => undefined);
      return undefined;
    }
    try {
      await this.table.updateEntity({ partitionKey: PARTITION, rowKey: tableKey(key), TakenAt: now }, 'Merge', { etag: entity.etag });
    } catch (error) {
      if (statusOf(error) === 412 || statusOf(error) === 404) return undefined; // another instance took it first
      throw error;
    }
    const blob = this.container.getBlockBlobClient(key);
    let body: string;
    try {
      body = (await blob.downloadToBuffer()).toString('utf8');
    } catch (error) {
      if (statusOf(error) === 404) return undefined; // its file was already dropped (expired)
      throw error;
    }
    await blob.deleteIfExists().catch(() => undefined);
    return { fileName: String(entity.FileName), contentType: String(entity.ContentType), body };
  }

  private async read(key: string): Promise<(Record<string, unknown> & { etag: string }) | undefined> {
    try {
      return (await this.table.getEntity<Record<string, unknown>>(PARTITION, tableKey(key))) as Record<string, unknown> & { etag: string };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  private async forget(before: string): Promise<void> {
    const filter = odata`PartitionKey eq ${PARTITION} and ExpiresAt lt ${before}`;
    let count = 0;
    for await (const entity of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      await this.container.getBlockBlobClient(String(entity.rowKey)).deleteIfExists();
      await this.table.deleteEntity(PARTITION, String(entity.rowKey));
      if (++count >= FORGET_PER_PUT) break;
    }
  }
}
