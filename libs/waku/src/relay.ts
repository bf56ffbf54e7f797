import { createHash } from 'node:crypto';
import type { GossipSubComponents, GossipsubOpts } from '@chainsafe/libp2p-gossipsub';
import { GossipSub } from '@chainsafe/libp2p-gossipsub';
import type { Message } from '@libp2p/interface';
import { StrictNoSign } from '@libp2p/interface';
import { LOOPBACK_IPS } from './loopback.js';

/** 11/WAKU2-RELAY protocol id. */
export const RELAY_CODEC = '/vac/waku/relay/2.0.0';

/** 11/WAKU2-RELAY message id: sha256 of the message data, whoever forwards it. */
export const relayMessageId = (message: Message): Uint8Array =>
  createHash('sha256').update(message.data).digest();

/** Gossipsub as 11/WAKU2-RELAY, with the mesh parameters js-waku uses. */
export const RELAY_OPTIONS: Partial<GossipsubOpts> = {
  // 11/WAKU2-RELAY: messages carry no libp2p signature, author or seqno.
  globalSignaturePolicy: StrictNoSign,
  fallbackToFloodsub: false,
  msgIdFn: relayMessageId,
  heartbeatInterval: 1_000,
  D: 6,
  Dlo: 4,
  Dhi: 12,
  gossipFactor: 0.25,
  // WakuNode.publish turns both of these into outcomes, so gossipsub must report them.
  allowPublishToZeroTopicPeers: false,
  ignoreDuplicatePublishError: false,
  emitSelf: false,
  scoreParams: {
    // Gossipsub scores every peer on an IP below zero (pruned, GRAFTs refused) once more than 10 peer ids were
    // seen there in the last hour, disconnected ones included: on a devnet, a few restarts of services that
    // come back under new peer ids cut every mesh, the devnet's own too.
    IPColocationFactorWhitelist: new Set(LOOPBACK_IPS),
  },
};

/** A libp2p service factory: gossipsub that speaks only the relay protocol id (no /meshsub/*). */
export const createRelay = (components: GossipSubComponents): GossipSub => {
  const relay = new GossipSub(components, RELAY_OPTIONS);
  relay.multicodecs = [RELAY_CODEC];
  return relay;
};
