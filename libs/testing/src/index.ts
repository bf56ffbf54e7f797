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
export { type OwnRedisServer, type OwnRedisServerOptions, startOwnRedisServer } from './redis-server.js';
export { type OwnRedisCluster, type OwnRedisClusterOptions, startOwnRedisCluster } from './redis-cluster.js';
export {
  type OwnPostgresReplica,
  type OwnPostgresReplicaOptions,
  startOwnPostgresReplica,
} from './postgres-replica.js';
export { freePort, freePortRange } from './free-ports.js';
export { ServiceProcesses, spawnSourceMain } from './service-processes.js';
export * from './status-app/index.js';
