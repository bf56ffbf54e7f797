import type { WakuNode } from '@status-communities/waku';
import { InMemoryStoreArchive, serveStore } from '@status-communities/waku';

export interface DevnetStore {
  /** The node's address, with /p2p/: what `BACKFILL_STORE_PEERS` names. */
  readonly multiaddr: string;
  /** What the node has kept: every message it relayed since it became the store. */
  readonly archive: InMemoryStoreArchive;
  close(): Promise<void>;
}

/**
 * Makes a devnet node a Store v3 node, as the fleet's store nodes are: it keeps in memory every message it relays
 * and answers queries from it, so back-fill and light clients have a store without a database.
 */
export const serveDevnetStore = async (node: WakuNode): Promise<DevnetStore> => {
  const [multiaddr] = node.multiaddrs;
  if (multiaddr === undefined) throw new Error(`node ${node.peerId} has no listen address`);
  const archive = new InMemoryStoreArchive();
  const unsubscribe = node.subscribe((message) => archive.add(message));
  const store = await serveStore(node, archive);
  return {
    multiaddr,
    archive,
    close: async () => {
      unsubscribe();
      await store.close();
    },
  };
};
