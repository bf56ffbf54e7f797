import type { ChainClients } from '@status-communities/chain';
import type { PrismaClient } from '@status-communities/db';
import type { GroupKeyStore, Keyring } from '@status-communities/keyring';
import type { Logger } from '@status-communities/observability';
import type { ShardProfile } from '@status-communities/protocol';
import type { EventOutbox, QueueName, TypedQueue } from '@status-communities/queue';
import type { RequestHandlerMetrics } from './metrics.js';
import type { GroupCommit } from './requests/group-commit.js';
import type { JoinVerdict } from './requests/join-batch.js';
import type { PreparedJoin } from './requests/join-decision.js';
import type { PublishedDescriptions } from './requests/membership-view.js';
import type { SharedReads } from './store/shared-reads.js';

/** What the handlers share: connections, queues, the keyring, settings and the clock. */
export interface RequestHandlerContext {
  readonly prisma: PrismaClient;
  readonly keyring: Keyring;
  /** Group keys of encrypted communities; undefined without GROUP_KEYS_MASTER_KEY. */
  readonly groupKeys: GroupKeyStore | undefined;
  /** Last published descriptions, decoded once per community and clock. */
  readonly publishedDescriptions: PublishedDescriptions;
  /** The community and its token permissions, read once for the jobs that ask at the same time. */
  readonly sharedReads: SharedReads;
  /** Requests to join, decided in batches per community (one transaction under its row lock each). */
  readonly joinBatches: GroupCommit<PreparedJoin, JoinVerdict>;
  /** Domain events, written in each change's transaction and appended after its commit. */
  readonly outbox: EventOutbox;
  readonly requestsQueue: TypedQueue<typeof QueueName.COMMUNITY_REQUESTS>;
  readonly publishQueue: TypedQueue<typeof QueueName.COMMUNITY_PUBLISH>;
  readonly outboundQueue: TypedQueue<typeof QueueName.WAKU_OUTBOUND>;
  /** JSON-RPC readers of the chains token permissions name (CHAIN_RPC_URLS). */
  readonly chains: ChainClients;
  readonly logger: Logger;
  readonly metrics: RequestHandlerMetrics;
  readonly settings: {
    readonly publishDebounceMs: number;
    readonly shardProfile: ShardProfile;
    /** Named in the ProtocolMessages we send. */
    readonly installationId: string;
    /** Members are re-checked against the token permissions at least this often (status-go: 8 h). */
    readonly permissionsReevaluationMs: number;
  };
  /** Unix ms. */
  readonly clock: () => number;
}
