/**
 * Local stand-ins for Microsoft's services that Token Guard talks to (Entra ID, Intune Graph
 * beta, the Bot Framework channel), over real HTTPS on 127.0.0.1. Used by tests and `npm run dev`.
 */
export { startSimulator, DEFAULT_TENANT_ID, TOKEN_GUARD_CATALOG_APP_ID } from './start-simulator';
export { personalConversationId } from './teams-apps';
export { seedProfiles } from './seed-profiles';
export { seedWorkProfiles } from './seed-work-profiles';
export { generateProfiles } from './generated-profiles';
export { seedGroups, SEED_GROUP_IDS, SEED_USERS, DEFAULT_CLIENTS, SIM_BOT_CLIENT, SIM_GRAPH_CLIENT } from './seed-directory';
export { NEVER as NEVER_SET_DATE } from './profile-factory';
export { INTUNE_READ, INTUNE_WRITE, GROUP_MEMBER_READ, TOKEN_GUARD_GRAPH_ROLES, TEAMS_APP_INSTALL_FOR_USER } from './graph-permissions';
export type {
  BotFrameworkSettings,
  ChannelTokenOptions,
  GraphFault,
  IntuneErrorKind,
  RecordedActivity,
  RecordedGraphCall,
  SimAppClient,
  SimProfile,
  SimWorkProfile,
  Simulator,
  SimulatorOptions,
} from './simulator-api';
