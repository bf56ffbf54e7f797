import { randomUUID } from 'node:crypto';
import { unwrap } from '@status-communities/errors';
import type { CommunityCommand } from '@status-communities/queue';
import type { Harness } from './harness.js';

export interface CreatedCommunity {
  readonly communityId: string;
  readonly keyId: string;
  /** `0x04…` of the community key: the owner member and the signer of every description. */
  readonly ownerKey: string;
  readonly clock: number;
}

export const identityInput = (displayName: string) => ({
  displayName,
  description: `${displayName} on the platform`,
  color: '#887af9',
  emoji: '',
  images: [],
  tags: [],
  introMessage: '',
  outroMessage: '',
});

/** Creates a hosted community through the command queue and takes its first publish off the outbound queue. */
export const createCommunity = async (h: Harness, displayName: string): Promise<CreatedCommunity> => {
  const job = await h.command({
    type: 'community.create',
    actor: 'fixture',
    correlationId: randomUUID(),
    tenantId: h.tenantId,
    identity: identityInput(displayName),
    permissions: { access: 'AUTO_ACCEPT', ensOnly: false },
  });
  if (job.failedReason) throw new Error(job.failedReason);
  await h.waitForOutbound(2);
  const keyId: string = job.data.keyId;
  const key = unwrap(await h.keyring.open(keyId));
  return {
    communityId: job.returnvalue.communityId,
    keyId,
    ownerKey: key.publicKeyHex,
    clock: job.returnvalue.clock,
  };
};

/** A channel.upsert command for a new channel. */
export const newChannel = (
  communityId: string,
  name: string,
  channelId: string = randomUUID(),
): CommunityCommand => ({
  type: 'channel.upsert',
  actor: 'fixture',
  correlationId: randomUUID(),
  communityId,
  channelId,
  name,
  description: '',
  emoji: '',
  color: '#000000',
  viewersCanPostReactions: true,
});
