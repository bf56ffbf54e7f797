// The test kit. The devnet and the one wait live in libs/devnet (npm start and the devnet command run them);
// tests take them from here with the rest.
export {
  type Devnet,
  type DevnetOptions,
  type DevnetStore,
  type WaitOptions,
  serveDevnetStore,
  startDevnet,
  testWakuMessage,
  visitWithFreshIdentities,
  waitFor,
  waitForMesh,
} from '@status-communities/devnet';
export { type OwnRedisServer, type OwnRedisServerOptions, startOwnRedisServer } from './redis-server.js';
export { type OwnRedisCluster, type OwnRedisClusterOptions, startOwnRedisCluster } from './redis-cluster.js';
export {
  type OwnPostgresReplica,
  type OwnPostgresReplicaOptions,
  startOwnPostgresReplica,
} from './postgres-replica.js';
export { freePort, freePortRange } from './free-ports.js';
export { reapOnExit } from './child-reaper.js';
export { ServiceProcesses, spawnSourceMain } from './service-processes.js';
export * from './status-app/index.js';
