import type { PrismaClient } from '@status-communities/db';
import { GroupKeyStore } from './group-keys.js';
import type { ControlNodeKeyRings } from './keyring-config.js';
import { Keyring } from './keyring.js';

/** What a control-node service (publisher, request handler) keeps its keys in: the keyring and the group keys. */
export interface ControlNodeKeyStores {
  readonly keyring: Keyring;
  /** Undefined without GROUP_KEYS_MASTER_KEY: the service then handles no encrypted community. */
  readonly groupKeys: GroupKeyStore | undefined;
}

export const openControlNodeKeyStores = (
  prisma: PrismaClient,
  rings: ControlNodeKeyRings,
): ControlNodeKeyStores => ({
  keyring: new Keyring(prisma, rings.masterKeys),
  groupKeys: rings.groupKeys && new GroupKeyStore(prisma, rings.groupKeys),
});
