import type { Devnet, DevnetStore, OwnRedisServer } from '@status-communities/testing';
import { serveDevnetStore, startDevnet, StatusMember } from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';
import { createHostedCommunity, requestToJoin, waitForMembership } from './community.js';
import { MemberWire } from './member-wire.js';
import type { ServiceName } from './platform.js';
import { ChaosPlatform } from './platform.js';
import type { OwnPostgres } from './postgres-cluster.js';
import type { ChaosContext } from './window.js';

export interface SessionOptions {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly redisKeyPrefix: string;
  readonly ratePerSecond: number;
  readonly redis?: OwnRedisServer;
  readonly postgres?: OwnPostgres;
  readonly logLevel?: string;
}

export interface ChaosSession {
  readonly context: ChaosContext;
  /** Every service's output so far. */
  output(): string;
  /** SIGTERM to every service, then the devnet and its Store; each service's exit code. */
  stop(): Promise<Record<ServiceName, number | null>>;
}

/**
 * The platform on a 3-node devnet, a community it hosts, and a member (on the second devnet node) accepted
 * and in the community's description, ready to post.
 */
export const startSession = async (options: SessionOptions): Promise<ChaosSession> => {
  // Node 0 relays and is the Store node, node 1 is the members' Status app, node 2 the attacker's.
  const devnet: Devnet = await startDevnet({ nodes: 3 });
  let store: DevnetStore | undefined;
  let platform: ChaosPlatform | undefined;
  const stopNetwork = async () => {
    await store?.close();
    await devnet.stop();
  };
  try {
    store = await serveDevnetStore(devnet.nodes[0] as WakuNode);
    platform = await ChaosPlatform.start({
      databaseUrl: options.databaseUrl,
      redisUrl: options.redisUrl,
      redisKeyPrefix: options.redisKeyPrefix,
      wakuBootstrapPeers: devnet.multiaddrs,
      backfillStorePeer: store.multiaddr,
      ...(options.logLevel !== undefined && { logLevel: options.logLevel }),
    });
    const wire = new MemberWire(devnet.nodes[1] as WakuNode);
    const community = await createHostedCommunity(platform, 'Chaos');
    const member = new StatusMember('poster');
    await requestToJoin(platform, wire, member, community);
    await waitForMembership(platform, wire, member, community);
    const running = platform;
    return {
      context: {
        platform: running,
        wire,
        attacker: devnet.nodes[2] as WakuNode,
        community,
        member,
        databaseUrl: options.databaseUrl,
        ratePerSecond: options.ratePerSecond,
        ...(options.redis && { redis: options.redis }),
        ...(options.postgres && { postgres: options.postgres }),
      },
      output: () => running.processes.output,
      stop: async () => {
        try {
          return await running.stop();
        } finally {
          await stopNetwork();
        }
      },
    };
  } catch (error) {
    await platform?.processes.kill();
    await stopNetwork();
    throw error;
  }
};
