/**
 * Installs Token Guard in a user's personal scope through Graph (NOTIFY_INSTALL=true), so the bot
 * can open a 1:1 chat with an approver who never talked to it:
 *   POST /v1.0/users/{id}/teamwork/installedApps
 *   {"teamsApp@odata.bind": "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/{TEAMS_APP_CATALOG_ID}"}
 * 201 = installed; 409 = already installed (also fine). Application permission
 * TeamsAppInstallation.ReadWriteForUser.All. Anything else throws, naming the status.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import { isEntraObjectId } from '../approvals/entra-object-id';
import { CLIENT_REQUEST_ID } from '../intune/graph-correlation';
import { failureOf } from '../intune/graph-failure';

export const INSTALL_PERMISSION = 'TeamsAppInstallation.ReadWriteForUser.All';

export interface AppInstaller {
  /** Resolves when the app is installed for the user (now or before); throws when Graph refuses. */
  installFor(objectId: string): Promise<'installed' | 'already-installed'>;
}

export class TeamsAppInstaller implements AppInstaller {
  constructor(
    private readonly client: Client,
    /** TEAMS_APP_CATALOG_ID. */
    private readonly catalogAppId: string,
  ) {}

  async installFor(objectId: string): Promise<'installed' | 'already-installed'> {
    if (!isEntraObjectId(objectId)) throw new Error('Only an Entra object id can have the app installed.');
    const clientRequestId = randomUUID();
    try {
      await this.client
        .api(`/users/${encodeURIComponent(objectId)}/teamwork/installedApps`)
        .version('v1.0')
        .header(CLIENT_REQUEST_ID, clientRequestId)
        .post({ 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${encodeURIComponent(this.catalogAppId)}` });
      return 'installed';
    } catch (error) {
      const failure = failureOf(error, clientRequestId);
      if (failure.status === 409) return 'already-installed';
      const permission = failure.status === 403 ? ` (the app needs ${INSTALL_PERMISSION})` : '';
      throw new Error(`Graph refused to install the app for the user: ${failure.status ?? failure.kind} ${failure.code ?? ''}${permission}: ${failure.message}`.replace(/\s+/g, ' '));
    }
  }
}
