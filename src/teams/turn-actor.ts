import type { Activity } from 'botbuilder';

/** Who sent an activity, read only from fields Teams sets (never from card data). */
export interface TurnActor {
  /** Entra object id: the identity every authorization decision uses. */
  objectId?: string;
  name: string;
  /** Teams user id (MRI, `29:…`), for card refresh lists. */
  teamsId?: string;
  tenantId?: string;
}

export function actorOf(activity: Partial<Activity>): TurnActor {
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: unknown } };
  const tenant = typeof channelData.tenant?.id === 'string' ? channelData.tenant.id : activity.conversation?.tenantId;
  const objectId = typeof activity.from?.aadObjectId === 'string' && activity.from.aadObjectId ? activity.from.aadObjectId : undefined;
  return {
    objectId: objectId?.toLowerCase(),
    name: typeof activity.from?.name === 'string' && activity.from.name.trim() ? activity.from.name.trim() : 'Someone',
    teamsId: typeof activity.from?.id === 'string' ? activity.from.id : undefined,
    tenantId: typeof tenant === 'string' ? tenant.toLowerCase() : undefined,
  };
}
