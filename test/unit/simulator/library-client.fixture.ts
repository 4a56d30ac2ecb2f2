/**
 * Runs in a child Node process started with NODE_EXTRA_CA_CERTS=<simulator CA>, the way the bot
 * runs, and drives the REAL client libraries against the simulator. Usage:
 *   node library-client.fixture.js <scenario>   (input JSON in SIM_FIXTURE_INPUT)
 * Prints one JSON line with what it observed; the spec asserts on it.
 */
import 'isomorphic-fetch-not-needed-marker';
