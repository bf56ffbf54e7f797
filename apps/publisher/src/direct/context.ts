// What the 1:1 handlers work with beyond the publisher's context: the bots' sessions and signed pre-keys,
// sealed under the keyring's master key ring (the publisher owns the bots' conversations, issue #15).
import { DirectPreKeyStore, DirectSessionStore } from '@status-communities/keyring';
import type { MasterKeyRing } from '@status-communities/keyring';
import type { PublisherContext } from '../context.js';

export interface DirectContext extends PublisherContext {
  readonly sessions: DirectSessionStore;
  readonly preKeys: DirectPreKeyStore;
}

export const withDirectStores = (context: PublisherContext, masterKeys: MasterKeyRing): DirectContext => ({
  ...context,
  sessions: new DirectSessionStore(context.prisma, masterKeys),
  preKeys: new DirectPreKeyStore(context.prisma, masterKeys),
});
