import assert from 'node:assert/strict';
import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import { createGraphCredential, isPublicAuthority } from '../../../src/intune/graph-credential';

describe('isPublicAuthority', () => {
  it('knows Entra\'s public and sovereign authority hosts, as host names or URLs', () => {
    for (const host of ['login.microsoftonline.com', 'https://login.microsoftonline.com/', 'LOGIN.MICROSOFTONLINE.US', 'login.chinacloudapi.cn', 'login.partner.microsoftonline.cn']) {
      assert.equal(isPublicAuthority(host), true, host);
    }
  });

  it('treats any other host (a simulator, a private STS) as private', () => {
    for (const host of ['https://127.0.0.1:8443', 'localhost', 'https://login.microsoftonline.com.evil.example', 'https://sim.local/']) {
      assert.equal(isPublicAuthority(host), false, host);
    }
  });
});

describe('createGraphCredential', () => {
  const app = { tenantId: '11111111-1111-1111-1111-111111111111', clientId: '22222222-2222-2222-2222-222222222222', authorityHost: 'https://login.microsoftonline.com' };

  it('uses the client secret when one is configured, even if a certificate path is configured too', () => {
    assert.ok(createGraphCredential({ ...app, clientSecret: 's', certificatePath: '/x.pem' }) instanceof ClientSecretCredential);
  });

  it('uses the certificate when there is no secret', () => {
    assert.ok(createGraphCredential({ ...app, certificatePath: '/etc/token-guard/app.pem' }) instanceof ClientCertificateCredential);
  });

  it('falls back to the managed identity, user-assigned or system-assigned', () => {
    assert.ok(createGraphCredential({ clientId: app.clientId, authorityHost: app.authorityHost }) instanceof ManagedIdentityCredential);
    assert.ok(createGraphCredential({ authorityHost: app.authorityHost }) instanceof ManagedIdentityCredential);
  });

  it('refuses a secret without tenant and client ids, without echoing the secret', () => {
    assert.throws(
      () => createGraphCredential({ clientId: app.clientId, clientSecret: 'very-secret', authorityHost: app.authorityHost }),
      (error: Error) => /tenant id and a client id/.test(error.message) && !error.message.includes('very-secret'),
    );
    assert.throws(() => createGraphCredential({ tenantId: app.tenantId, certificatePath: '/x.pem', authorityHost: app.authorityHost }), /client id/);
  });
});
