import type { IncomingStreamData, PeerId, Startable } from '@libp2p/interface';
import type { IMetadata, Libp2pComponents, MetadataQueryResult, ShardInfo } from '@waku/interfaces';
import { ProtocolError } from '@waku/interfaces';
import { proto_metadata } from '@waku/proto';
import { encodeRelayShard } from '@waku/utils';
import { lpStream } from 'it-length-prefixed-stream';
import { STATUS_CLUSTER_ID } from './pubsub-topic.js';

/** 66/WAKU2-METADATA protocol id. */
export const METADATA_CODEC = '/vac/waku/metadata/1.0.0';

const EXCHANGE_TIMEOUT_MS = 5_000;

/**
 * 66/WAKU2-METADATA that answers with the shards this node relays. nwaku disconnects a relay peer whose answer
 * shares no shard with its own, and @waku/sdk's service always answers `shards: []`, so this one replaces it.
 * Peers' answers and requests are saved where @waku/sdk's connection manager reads shard info.
 */
export class ShardMetadataService implements IMetadata, Startable {
  readonly multicodec = METADATA_CODEC;
  readonly clusterId = STATUS_CLUSTER_ID;

  constructor(
    private readonly components: Libp2pComponents,
    private readonly shards: () => readonly number[],
  ) {}

  async start(): Promise<void> {
    await this.components.registrar.handle(METADATA_CODEC, this.onRequest);
  }

  async stop(): Promise<void> {
    await this.components.registrar.unhandle(METADATA_CODEC);
  }

  /** Asks a connected peer for its cluster and shards. */
  async query(peerId: PeerId): Promise<MetadataQueryResult> {
    const signal = AbortSignal.timeout(EXCHANGE_TIMEOUT_MS);
    try {
      const connection = await this.components.connectionManager.openConnection(peerId, { signal });
      const stream = await connection.newStream(METADATA_CODEC, { signal });
      const messages = lpStream(stream);
      await messages.write(proto_metadata.WakuMetadataRequest.encode(this.ownShardInfo()), { signal });
      const response = proto_metadata.WakuMetadataResponse.decode(await messages.read({ signal }));
      await stream.close({ signal });
      if (response.clusterId === undefined) return { shardInfo: null, error: ProtocolError.DECODE_FAILED };
      const shardInfo = { clusterId: response.clusterId, shards: response.shards };
      await this.remember(peerId, shardInfo);
      return { shardInfo, error: null };
    } catch {
      return { shardInfo: null, error: ProtocolError.NO_RESPONSE };
    }
  }

  confirmOrAttemptHandshake(peerId: PeerId): Promise<MetadataQueryResult> {
    return this.query(peerId);
  }

  private ownShardInfo(): ShardInfo {
    return { clusterId: STATUS_CLUSTER_ID, shards: [...this.shards()] };
  }

  private async remember(peerId: PeerId, shardInfo: ShardInfo): Promise<void> {
    await this.components.peerStore.merge(peerId, {
      metadata: { shardInfo: encodeRelayShard(shardInfo) },
    });
  }

  private readonly onRequest = async ({ stream, connection }: IncomingStreamData): Promise<void> => {
    const signal = AbortSignal.timeout(EXCHANGE_TIMEOUT_MS);
    try {
      const messages = lpStream(stream);
      const request = proto_metadata.WakuMetadataRequest.decode(await messages.read({ signal }));
      await messages.write(proto_metadata.WakuMetadataResponse.encode(this.ownShardInfo()), { signal });
      await stream.close({ signal });
      if (request.clusterId !== undefined)
        await this.remember(connection.remotePeer, { clusterId: request.clusterId, shards: request.shards });
    } catch (error) {
      // A peer that sends garbage or hangs loses its stream, nothing else.
      stream.abort(error instanceof Error ? error : new Error(String(error)));
    }
  };
}
