/**
 * Entra object ids (users, groups) and tenant ids are GUIDs. Anything else in their place is forged
 * or broken, and must never become part of a Graph path: `transitiveMembers/.` resolves to the
 * group's whole member list (200), which a naive check reads as "is a member".
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isEntraObjectId(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}
