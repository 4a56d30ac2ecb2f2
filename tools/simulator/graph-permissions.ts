/**
 * Which application permissions (the `roles` claim of an app-only token) each simulated Graph
 * endpoint demands, as Microsoft's reference pages list them. A route is one line: a method, a
 * path pattern (after the version segment) and the roles it needs. `requires` holds one list per
 * condition; each list is satisfied by any one of its roles (checkMemberGroups needs two things).
 */
export type GraphService = 'intune' | 'directory' | 'teams';

export interface PermissionRule {
  service: GraphService;
  method: string;
  path: RegExp;
  requires: readonly (readonly string[])[];
}

export const INTUNE_READ = ['DeviceManagementConfiguration.Read.All', 'DeviceManagementConfiguration.ReadWrite.All'] as const;
export const INTUNE_WRITE = ['DeviceManagementConfiguration.ReadWrite.All'] as const;
export const GROUP_MEMBER_READ = ['GroupMember.Read.All', 'Directory.Read.All'] as const;
export const USER_READ = ['User.Read.All', 'Directory.Read.All'] as const;

/** Installing an app in a user's personal scope (userteamwork-post-installedapps): least privileged first. */
export const TEAMS_APP_INSTALL_FOR_USER = [
  'TeamsAppInstallation.ReadWriteSelfForUser.All',
  'TeamsAppInstallation.ManageSelectedForUser.All',
  'TeamsAppInstallation.ReadWriteAndConsentForUser.All',
  'TeamsAppInstallation.ReadWriteAndConsentSelfForUser.All',
  'TeamsAppInstallation.ReadWriteForUser.All',
  'TeamsAppInstallation.ReadWriteSelectedForUser.All',
] as const;

/** The roles the bot's Graph app needs for everything it does: what a correctly set-up tenant grants. */
export const TOKEN_GUARD_GRAPH_ROLES: readonly string[] = ['DeviceManagementConfiguration.ReadWrite.All', 'GroupMember.Read.All'];

const PROFILES = '(?:androidDeviceOwnerEnrollmentProfiles|androidForWorkEnrollmentProfiles)';

export const PERMISSION_RULES: readonly PermissionRule[] = [
  { service: 'intune', method: 'GET', path: new RegExp(`^deviceManagement/${PROFILES}(?:/[^/]+)?$`, 'i'), requires: [INTUNE_READ] },
  { service: 'intune', method: 'POST', path: new RegExp(`^deviceManagement/${PROFILES}/[^/]+/(?:revokeToken|createToken)$`, 'i'), requires: [INTUNE_WRITE] },
  { service: 'directory', method: 'GET', path: /^groups\/[^/]+\/transitiveMembers(?:\/[^/]+)?$/i, requires: [GROUP_MEMBER_READ] },
  { service: 'directory', method: 'POST', path: /^(?:users|directoryObjects)\/[^/]+\/checkMemberGroups$/i, requires: [USER_READ, GROUP_MEMBER_READ] },
  { service: 'teams', method: 'POST', path: /^users\/[^/]+\/teamwork\/installedApps$/i, requires: [TEAMS_APP_INSTALL_FOR_USER] },
];

/** How Teams' Graph endpoints refuse a token without the role (they name the roles, unlike the directory). */
export function teamsForbiddenMessage(missing: readonly string[], roles: readonly string[]): string {
  return `Missing role permissions on the request. API requires one of '${missing.join(', ')}'. Roles on the request '${roles.join(', ')}'.`;
}

/** The rule for a request (path segments after the version), or undefined for an unguarded path. */
export function permissionRuleFor(method: string, pathAfterVersion: string[]): PermissionRule | undefined {
  const path = pathAfterVersion.join('/');
  return PERMISSION_RULES.find((rule) => rule.method === method && rule.path.test(path));
}

/** The conditions the granted roles leave unmet (empty: allowed). */
export function missingPermissions(rule: PermissionRule, roles: readonly string[]): (readonly string[])[] {
  const granted = new Set(roles.map((r) => r.toLowerCase()));
  return rule.requires.filter((anyOf) => !anyOf.some((role) => granted.has(role.toLowerCase())));
}

/** Whether the path (after the version) belongs to Intune: the tenant's licence applies to it. */
export function isIntunePath(pathAfterVersion: string[]): boolean {
  return (pathAfterVersion[0] ?? '').toLowerCase() === 'devicemanagement';
}
