/**
 * The storage backends every contract spec runs against: embedded SQLite, and Azure Table + Blob
 * storage on Azurite. One Azurite serves all contract specs (started on first use, stopped after
 * the whole run); each test gets fresh tables through a unique table prefix.
 */
import { randomBytes } from 'node:crypto';
import { openAzureStorage } from '../../../../src/storage/open-azure-storage';
import { openSqliteStorage } from '../../../../src/storage/open-sqlite-storage';
import type { StorageBundle } from '../../../../src/storage/storage-bundle';
import { startAzurite, type AzuriteProcess } from '../../../support/azurite';
import { makeTempDir } from '../temp-dir';

export type BackendName = 'sqlite' | 'azure';
export const BACKENDS: readonly BackendName[] = ['sqlite', 'azure'];

export interface OpenedBackend {
  storage: StorageBundle;
  /** Another, independent instance on the same data: what a second process sees. */
  another(): StorageBundle;
  close(): void;
}

let azurite: Promise<AzuriteProcess> | undefined;

/** The shared Azurite (started on first call). */
export function sharedAzurite(): Promise<AzuriteProcess> {
  azurite ??= startAzurite();
  return azurite;
}

// A root-level hook: runs once after every spec file, whichever of them started Azurite.
after(async function () {
  this.timeout(15_000);
  if (azurite) await (await azurite).stop();
  azurite = undefined;
});

export async function openBackend(name: BackendName): Promise<OpenedBackend> {
  if (name === 'sqlite') {
    const dir = makeTempDir();
    const opened: StorageBundle[] = [];
    const open = () => {
      const storage = openSqliteStorage(dir.path);
      opened.push(storage);
      return storage;
    };
    return {
      storage: open(),
      another: open,
      close() {
        for (const storage of opened) storage.close();
        dir.remove();
      },
    };
  }
  const { connectionString } = await sharedAzurite();
  const prefix = `T${randomBytes(6).toString('hex')}`;
  const open = () => openAzureStorage({ connectionString, prefix });
  const storage = open();
  await storage.prepare();
  return { storage, another: open, close: () => storage.close() };
}

/** Registers `body` once per backend, with a fresh, empty backend before each test. */
export function describeEachBackend(title: string, body: (backend: () => OpenedBackend, name: BackendName) => void): void {
  for (const name of BACKENDS) {
    describe(`${title} [${name}]`, function () {
      let current: OpenedBackend | undefined;
      before(async function () {
        this.timeout(60_000);
        if (name === 'azure') await sharedAzurite();
      });
      beforeEach(async function () {
        this.timeout(20_000);
        current = await openBackend(name);
      });
      afterEach(() => {
        current?.close();
        current = undefined;
      });
      body(() => {
        if (!current) throw new Error('No backend is open (used outside a test?).');
        return current;
      }, name);
    });
  }
}
