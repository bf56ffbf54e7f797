/**
 * The loopback addresses. Every peer there is a process of this very host (a devnet, a local gateway, a test's
 * member node), so the libp2p and gossipsub defences against many peers on one IP do not apply to them.
 */
export const LOOPBACK_IPS: readonly string[] = ['127.0.0.1', '::1'];

/** The same, as the multiaddrs of libp2p's connection manager allow list. */
export const LOOPBACK_MULTIADDRS: readonly string[] = ['/ip4/127.0.0.1', '/ip6/::1'];
