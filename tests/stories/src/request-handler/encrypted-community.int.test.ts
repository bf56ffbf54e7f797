// An encrypted community (issue #13): the accepted answer carries the community's keys; a member's
// COMMUNITY_ENCRYPTION_KEYS_REQUEST (87) is answered with key exchanges, anyone else's is refused and counted.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bytesToHex, decodeAsymmetric, keyIdOf, type HashRatchetKey } from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { status } from '@status-communities/proto';
import {
  openDhKeyExchangeMessage,
  readKeyExchangeKeys,
  unwrapApplicationMessage,
} from '@status-communities/protocol';
import { identityInput, newChannel } from '@status-communities/publisher/testing';
import type { OutboundWakuMessage } from '@status-communities/queue';
import { base64ToBytes } from '@status-communities/queue';
import { StatusMember } from '@status-communities/testing';
import type { Harness } from './harness.js';
import { createRequestHarness, outcomeOf } from './harness.js';

const GROUP_KEYS = { GROUP_KEYS_MASTER_KEY: randomBytes(32).toString('hex'), GROUP_KEYS_MASTER_KEY_ID: 'g1' };

/** The 1:1 messages a member opens: keys it reads, and the AMM types carried along. */
const readDirect = (member: StatusMember, messages: readonly OutboundWakuMessage[]) => {
  const keys: HashRatchetKey[] = [];
  const types: number[] = [];
  for (const message of messages) {
    const envelope = decodeAsymmetric(base64ToBytes(message.payload), member.privateKey);
    if (!envelope.ok) continue;
    const opened = openDhKeyExchangeMessage(envelope.value.data, member.privateKey);
    if (!opened.ok || !opened.value.keyExchange) continue;
    keys.push(
      ...unwrap(
        readKeyExchangeKeys(opened.value.keyExchange, {
          recipientPrivateKey: member.privateKey,
          senderPublicKey: envelope.value.signer,
        }),
      ),
    );
    const amm = unwrapApplicationMessage(opened.value.payload);
    if (amm.ok) types.push(amm.value.type);
  }
  return { keys, types };
};

describe('request handler: an encrypted community', () => {
  let h: Harness;
  let communityId: string;
  const vault = randomUUID();
  const alice = new StatusMember('alice');

  const drain = async () => {
    await h.settle();
    return h.p.waitForOutbound(0);
  };

  beforeAll(async () => {
    h = await createRequestHarness('encrypted');
    await h.p.start(GROUP_KEYS);
    await h.startHandler(GROUP_KEYS);
    const job = await h.p.command({
      type: 'community.create',
      actor: 'test',
      correlationId: randomUUID(),
      tenantId: h.p.tenantId,
      identity: identityInput('Members only'),
      permissions: { access: 'AUTO_ACCEPT', ensOnly: false, encrypted: true },
    });
    communityId = job.returnvalue.communityId;
    const channel = newChannel(communityId, 'vault', vault);
    await h.p.command({
      ...(channel as Extract<typeof channel, { type: 'channel.upsert' }>),
      encrypted: true,
    });
    await drain();
  });
  afterAll(() => h?.close());

  it('answers an accepted request with every community key beside the response', async () => {
    const job = await h.inbound(communityId, alice.requestToJoin(communityId));
    expect(outcomeOf(job)).toMatchObject({ outcome: 'accepted' });
    const { keys, types } = readDirect(alice, await drain());
    expect(types).toContain(status.ApplicationMetadataMessage.Type.COMMUNITY_REQUEST_TO_JOIN_RESPONSE);
    const stored = await h.p.prisma.groupKey.findMany({ where: { communityId } });
    expect(new Set(keys.map((key) => bytesToHex(keyIdOf(key))))).toEqual(
      new Set(stored.map((row) => bytesToHex(row.keyId))),
    );
  });

  it("answers a member's request for keys with the community's and the asked channel's", async () => {
    const job = await h.inbound(communityId, alice.encryptionKeysRequest(communityId, [vault]));
    expect(outcomeOf(job)).toEqual({ outcome: 'responded' });
    const { keys } = readDirect(alice, await drain());
    const groups = new Set(keys.map((key) => Buffer.from(key.groupId).toString('hex')));
    expect(groups.size).toBe(2);
  });

  it('refuses a request for keys from someone who is not a member, and counts it', async () => {
    const mallory = new StatusMember('mallory');
    const before = await h.counter('request_handler_refused_total', { reason: 'not-a-member' });
    const job = await h.inbound(communityId, mallory.encryptionKeysRequest(communityId));
    expect(outcomeOf(job)).toMatchObject({ outcome: 'refused', reason: 'not-a-member' });
    expect(await h.counter('request_handler_refused_total', { reason: 'not-a-member' })).toBe(before + 1);
    expect(readDirect(mallory, await drain()).keys).toEqual([]);
  });
});
