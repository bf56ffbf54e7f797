import type { GossipSub } from '@chainsafe/libp2p-gossipsub';
import type { LightNode } from '@waku/sdk';

/**
 * Stops the node with no timer outliving it. Two upstream leaks would otherwise keep a process (and Jest) alive
 * up to a second after stop: gossipsub 14.1.2's stop() never clears its pending heartbeat timeout, and libp2p
 * 2.8's address manager answers its transports closing with a 1 s debounced peer-store update nothing cancels.
 */
export const stopWithoutLingeringTimers = async (light: LightNode, relay: GossipSub): Promise<void> => {
  const relayStatus = (relay as unknown as { status: { heartbeatTimeout?: NodeJS.Timeout } }).status;
  // Marks the relay stopped before its first await, so no heartbeat is scheduled after this one.
  await relay.stop();
  clearTimeout(relayStatus.heartbeatTimeout);
  await light.stop();
  const addressManager = light.libp2p.components.addressManager as unknown as {
    _updatePeerStoreAddresses?: { stop?: () => void };
  };
  addressManager._updatePeerStoreAddresses?.stop?.();
};
