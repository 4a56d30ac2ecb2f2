import assert from 'node:assert/strict';
import path from 'node:path';
import { loadConfig } from '../../../src/config';
import { minimal, problemsOf as problemsOfExactly } from './config-settings';

const CONNECTION_STRING = 'DefaultEndpointsProtocol=https;AccountName=tokenguard;AccountKey=c2VjcmV0LWtleS1ub3QtcmVhbA==;EndpointSuffix=core.windows.net';

/** Storage problems on top of otherwise valid settings. */
const problemsOf = (settings: Record<string, string>): string[] => problemsOfExactly({ ...minimal, ...settings });

describe('loadConfig: storage', () => {
  it('defaults to SQLite in DATA_DIR', () => {
    const config = loadConfig({ ...minimal, DATA_DIR: 'somewhere' }, {});
    assert.equal(config.storage.kind, 'sqlite');
    assert.equal(config.storage.dataDir, path.resolve('somewhere'));
    assert.equal(config.storage.azure.prefix, 'TokenGuard');
  });

  it('reads STORAGE=azure with a connection string and a prefix', () => {
    const config = loadConfig({ ...minimal, STORAGE: 'Azure', AZURE_STORAGE_CONNECTION_STRING: CONNECTION_STRING, AZURE_STORAGE_PREFIX: 'Tg01' }, {});
    assert.equal(config.storage.kind, 'azure');
    assert.equal(config.storage.azure.connectionString, CONNECTION_STRING);
    assert.equal(config.storage.azure.prefix, 'Tg01');
  });

  it('reads STORAGE=azure with table and blob URLs (Entra credential)', () => {
    const config = loadConfig(
      { ...minimal, STORAGE: 'azure', AZURE_STORAGE_TABLE_URL: 'https://acct.table.core.windows.net/', AZURE_STORAGE_BLOB_URL: 'https://acct.blob.core.windows.net' },
      {},
    );
    assert.equal(config.storage.azure.tableUrl, 'https://acct.table.core.windows.net');
    assert.equal(config.storage.azure.blobUrl, 'https://acct.blob.core.windows.net');
    assert.equal(config.storage.azure.connectionString, undefined);
  });

  it('refuses an unknown STORAGE, missing or conflicting Azure settings, bad URLs and prefixes', () => {
    assert.deepEqual(problemsOf({ STORAGE: 'cosmos' }), ['STORAGE must be sqlite or azure (got "cosmos").']);
    assert.match(problemsOf({ STORAGE: 'azure' }).join('\n'), /needs AZURE_STORAGE_CONNECTION_STRING, or both AZURE_STORAGE_TABLE_URL and AZURE_STORAGE_BLOB_URL/);
    assert.match(problemsOf({ STORAGE: 'azure', AZURE_STORAGE_TABLE_URL: 'https://a.table.core.windows.net' }).join('\n'), /needs/);
    assert.match(
      problemsOf({ STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: CONNECTION_STRING, AZURE_STORAGE_BLOB_URL: 'https://a.blob.core.windows.net' }).join('\n'),
      /not both/,
    );
    assert.match(
      problemsOf({ STORAGE: 'azure', AZURE_STORAGE_TABLE_URL: 'http://acct.table.core.windows.net', AZURE_STORAGE_BLOB_URL: 'https://a.blob.core.windows.net' }).join('\n'),
      /AZURE_STORAGE_TABLE_URL must be an https:\/\/ URL/,
    );
    assert.match(problemsOf({ STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: CONNECTION_STRING, AZURE_STORAGE_PREFIX: '1-bad' }).join('\n'), /AZURE_STORAGE_PREFIX must be/);
  });

  it('allows plain http only for a loopback emulator', () => {
    const config = loadConfig(
      { ...minimal, STORAGE: 'azure', AZURE_STORAGE_TABLE_URL: 'http://127.0.0.1:10002/devstoreaccount1', AZURE_STORAGE_BLOB_URL: 'http://localhost:10000/devstoreaccount1' },
      {},
    );
    assert.equal(config.storage.kind, 'azure');
  });

  it('never echoes the connection string in a problem', () => {
    const problems = problemsOf({ STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: 'AccountKey=c2VjcmV0LWtleS1ub3QtcmVhbA==' });
    assert.ok(problems.length > 0);
    assert.ok(!problems.join('\n').includes('c2VjcmV0'), problems.join('\n'));
  });

  it('ignores Azure settings when STORAGE is sqlite', () => {
    const config = loadConfig({ ...minimal, AZURE_STORAGE_PREFIX: '!!' }, {});
    assert.equal(config.storage.kind, 'sqlite');
  });
});
