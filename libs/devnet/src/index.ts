export {
  type Devnet,
  type DevnetOptions,
  startDevnet,
  visitWithFreshIdentities,
  waitForMesh,
} from './devnet.js';
export { type DevnetStore, serveDevnetStore } from './devnet-store.js';
export { testWakuMessage } from './messages.js';
export { type WaitOptions, waitFor } from './wait-for.js';
