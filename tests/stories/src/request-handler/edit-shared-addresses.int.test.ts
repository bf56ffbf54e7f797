import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  concatBytes,
  decompressPublicKey,
  generatePrivateKey,
  hexToBytesOrThrow,
  keccak256,
  personalSign,
  publicKeyFromPrivateKey,
  publicKeyToAddress,
} from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { bigIntToUint64, encodeProto, status } from '@status-communities/proto';
import {
  contentTopicForChatId,
  controlNodeRequestsChatId,
  encodeStatusMessage,
} from '@status-communities/protocol';
import type { CreatedCommunity } from '@status-communities/publisher/testing';
import { createCommunity } from '@status-communities/publisher/testing';
import type { InboundWakuMessage } from '@status-communities/queue';
import { asInbound, REQUESTS_PUBSUB_TOPIC, StatusMember, waitFor } from '@status-communities/testing';
import type { Harness } from './harness.js';
import { createRequestHarness, outcomeOf } from './harness.js';

const COMMUNITY_EDIT_SHARED_ADDRESSES = 68;

describe('request handler: a member edits its shared addresses (COMMUNITY_EDIT_SHARED_ADDRESSES, 68)', () => {
  let h: Harness;
  let community: CreatedCommunity;
  let member: StatusMember;

  /** A wallet's RevealedAccount for an edit: personal_sign of keccak256(compressed key ‖ community ID). */
  const account = (sender: StatusMember, walletKey: Uint8Array, signingKey = walletKey) =>
    status.RevealedAccount.create({
      address: publicKeyToAddress(publicKeyFromPrivateKey(walletKey)),
      signature: personalSign(
        keccak256(
          concatBytes(
            publicKeyFromPrivateKey(sender.privateKey, { compressed: true }),
            hexToBytesOrThrow(community.communityId),
          ),
        ),
        signingKey,
      ),
      chainIds: [bigIntToUint64(1n)],
    });

  /** The edit as the Status app sends it to the control node (ECIES to the community key, requests topic). */
  const edit = (sender: StatusMember, accounts: status.RevealedAccount[], clock = 1n): InboundWakuMessage => {
    const key = unwrap(decompressPublicKey(hexToBytesOrThrow(community.communityId)));
    const encoded = unwrap(
      encodeStatusMessage({
        type: COMMUNITY_EDIT_SHARED_ADDRESSES,
        payload: encodeProto(
          status.CommunityEditSharedAddresses,
          status.CommunityEditSharedAddresses.create({
            clock: bigIntToUint64(clock),
            communityId: hexToBytesOrThrow(community.communityId),
            revealedAccounts: accounts,
          }),
        ),
        signerPriv: sender.privateKey,
        envelope: { recipientPublicKey: key },
      }),
    );
    const topic = contentTopicForChatId(unwrap(controlNodeRequestsChatId(key)));
    return asInbound(REQUESTS_PUBSUB_TOPIC, topic, encoded.payloads[0] ?? new Uint8Array());
  };

  /** The app stamps an edit with the member's last_update_clock + 1. */
  const nextClock = async (): Promise<bigint> =>
    (
      await h.p.prisma.member.findUniqueOrThrow({
        where: { communityId_memberKey: { communityId: community.communityId, memberKey: member.memberKey } },
      })
    ).lastUpdateClock + 1n;

  const storedAddresses = async (): Promise<string[]> => {
    const row = await h.p.prisma.requestToJoin.findFirstOrThrow({
      where: { communityId: community.communityId, requesterKey: member.memberKey, state: 'ACCEPTED' },
    });
    return (row.revealedAccounts as { address: string }[]).map((stored) => stored.address.toLowerCase());
  };

  beforeAll(async () => {
    h = await createRequestHarness('edit-addresses');
    await h.startHandler();
    community = await createCommunity(h.p, 'Wallets');
    member = new StatusMember('wallets');
    expect(
      outcomeOf(await h.inbound(community.communityId, member.requestToJoin(community.communityId))),
    ).toMatchObject({ outcome: 'accepted' });
    await h.settle();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('stores the new accounts and re-evaluates the members', async () => {
    const first = generatePrivateKey();
    const second = generatePrivateKey();
    const job = await h.inbound(
      community.communityId,
      edit(member, [account(member, first), account(member, second)], await nextClock()),
    );
    expect(job.failedReason).toBeUndefined();
    expect(outcomeOf(job)).toMatchObject({ outcome: 'updated' });
    expect(await storedAddresses()).toEqual([
      publicKeyToAddress(publicKeyFromPrivateKey(first)),
      publicKeyToAddress(publicKeyFromPrivateKey(second)),
    ]);
    const reevaluation = await waitFor('the re-evaluation the edit queued', async () =>
      (await h.requests.getJobs(['completed', 'failed', 'waiting', 'active', 'delayed'])).find(
        (queued) =>
          queued.data.type === 'members.reevaluate' && queued.data.reason === 'shared-addresses-edited',
      ),
    );
    expect(reevaluation.data).toMatchObject({ communityId: community.communityId, actor: 'request-handler' });
  });

  it('refuses a forged signature and keeps the stored accounts', async () => {
    const before = await storedAddresses();
    const forged = account(member, generatePrivateKey(), generatePrivateKey());
    const job = await h.inbound(
      community.communityId,
      edit(member, [account(member, generatePrivateKey()), forged], await nextClock()),
    );
    expect(outcomeOf(job)).toEqual({
      outcome: 'refused',
      code: 'INVALID_SIGNATURE',
      reason: 'revealed-account-mismatch',
    });
    expect(await storedAddresses()).toEqual(before);
  });

  it('refuses a non-member', async () => {
    const stranger = new StatusMember('stranger');
    const job = await h.inbound(
      community.communityId,
      edit(stranger, [account(stranger, generatePrivateKey())]),
    );
    expect(outcomeOf(job)).toEqual({ outcome: 'refused', code: 'FORBIDDEN', reason: 'not-a-member' });
  });

  it('refuses a re-evaluation request (84) from a member without a role', async () => {
    const key = unwrap(decompressPublicKey(hexToBytesOrThrow(community.communityId)));
    const encoded = unwrap(
      encodeStatusMessage({
        type: 84,
        payload: encodeProto(
          status.CommunityReevaluatePermissionsRequest,
          status.CommunityReevaluatePermissionsRequest.create({
            communityId: hexToBytesOrThrow(community.communityId),
          }),
        ),
        signerPriv: member.privateKey,
        envelope: { recipientPublicKey: key },
      }),
    );
    const topic = contentTopicForChatId(unwrap(controlNodeRequestsChatId(key)));
    const job = await h.inbound(
      community.communityId,
      asInbound(REQUESTS_PUBSUB_TOPIC, topic, encoded.payloads[0] ?? new Uint8Array()),
    );
    expect(outcomeOf(job)).toEqual({ outcome: 'refused', code: 'FORBIDDEN', reason: 'not-privileged' });
  });
});
