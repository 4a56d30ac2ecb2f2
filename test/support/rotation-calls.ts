import type { RecordedGraphCall, Simulator } from '../../tools/simulator';

/** The Graph calls the executor made for one profile, in order: POST revokeToken, POST createToken, GET by id. */
export function executorCalls(sim: Simulator, profileId: string): RecordedGraphCall[] {
  return sim.graph.calls.filter((c) => c.path.includes(`/${profileId}`) && (c.method === 'POST' || c.path.endsWith(`/${profileId}`)));
}

/** `2026-12-02 03:44:36 UTC`, as the chat text writes a time. */
export function utc(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
