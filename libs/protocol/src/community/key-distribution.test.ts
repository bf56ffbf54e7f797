import { describe, expect, it } from '@jest/globals';
import { decodeAsymmetric, keyIdOf, symKeyFor } from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { decodeProto, status, uint64ToBigInt } from '@status-communities/proto';
import { openDhKeyExchangeMessage } from '../direct/key-exchange.js';
import { unwrapApplicationMessage } from '../messages/amm.js';
import { decodeStatusMessage } from '../messages/decode-status-message.js';
import { encodeStatusMessage } from '../messages/decode-status-message.js';
import { readKeyExchangeKeys } from '../messages/hash-ratchet-messages.js';
import { partitionedChatId } from '../topics/chat-ids.js';
import { contentTopicForChatId } from '../topics/content-topics.js';
import { DEFAULT_SHARD_PROFILE, pubsubTopicForShard } from '../topics/shards.js';
import { sealRequestToJoinResponse } from './control-node-messages.js';
import { descriptionRekeyLayer, sealKeyExchange, sealUserKicked } from './key-distribution.js';
import { alice, communityKey, outsider } from './testing/fixtures.js';

const groupId = communityKey.compressed;
const keys = [
  { groupId, key: new Uint8Array(32).fill(4), timestampMs: 1_700_000_000_000n },
  { groupId, key: new Uint8Array(32).fill(5), timestampMs: 1_700_000_000_010n },
];
const profile = DEFAULT_SHARD_PROFILE;
const aliceTopic = contentTopicForChatId(unwrap(partitionedChatId(alice.publicKey)));

/** What a member does with a 1:1 key exchange: open the envelope, the DH entry, then read the header. */
const memberReads = (payload: Uint8Array, member = alice) => {
  const envelope = unwrap(decodeAsymmetric(payload, member.privateKey));
  const opened = unwrap(openDhKeyExchangeMessage(envelope.data, member.privateKey));
  const received = unwrap(
    readKeyExchangeKeys(opened.keyExchange!, {
      recipientPrivateKey: member.privateKey,
      senderPublicKey: envelope.signer,
    }),
  );
  return { envelope, opened, received };
};

describe('sealKeyExchange', () => {
  it('gives a member every key of the group, signed by the control node, on its partitioned topic and shard 32', () => {
    const messages = unwrap(
      sealKeyExchange({
        controlNodePrivateKey: communityKey.privateKey,
        installationId: 'control-node',
        recipientPublicKey: alice.publicKey,
        groupId,
        keys,
        profile,
      }),
    );
    expect(messages.map((m) => [m.pubsubTopic, m.contentTopic])).toEqual([
      [pubsubTopicForShard(32), aliceTopic],
    ]);
    const { envelope, opened, received } = memberReads(messages[0]!.payload);
    expect(envelope.signer).toEqual(communityKey.publicKey);
    expect(received.map(keyIdOf)).toEqual(keys.map(keyIdOf));
    // The encrypted payload is the same HRKeys (status-go's backward-compatible reading).
    const hrKeys = unwrap(decodeProto(status.encryption.HRKeys, opened.payload));
    expect((hrKeys.keys ?? []).map((k) => uint64ToBigInt(k.timestamp))).toEqual(
      keys.map((k) => k.timestampMs),
    );
  });

  it('cannot be opened by anyone else', () => {
    const [message] = unwrap(
      sealKeyExchange({
        controlNodePrivateKey: communityKey.privateKey,
        installationId: 'control-node',
        recipientPublicKey: alice.publicKey,
        groupId,
        keys,
        profile,
      }),
    );
    const result = decodeAsymmetric(message!.payload, outsider.privateKey);
    expect(!result.ok && result.error.code).toBe(ErrorCode.DECRYPTION_FAILED);
  });

  it('refuses a recipient key that is not a curve point', () => {
    const result = sealKeyExchange({
      controlNodePrivateKey: communityKey.privateKey,
      installationId: 'control-node',
      recipientPublicKey: Uint8Array.of(4, ...new Uint8Array(64)),
      groupId,
      keys,
      profile,
    });
    expect(result.ok).toBe(false);
  });
});

describe('sealUserKicked', () => {
  it('tells the removed member, signed by the community key, ECIES on its partitioned topic and shard 64', () => {
    const [message] = unwrap(
      sealUserKicked({
        communityPrivateKey: communityKey.privateKey,
        memberPublicKey: alice.publicKey,
        clock: 42,
        profile,
      }),
    );
    expect([message!.pubsubTopic, message!.contentTopic]).toEqual([pubsubTopicForShard(64), aliceTopic]);
    const decoded = unwrap(decodeStatusMessage(message!.payload, { privateKey: alice.privateKey }));
    if (decoded.kind !== 'message') throw new Error(decoded.kind);
    expect(decoded.typeName).toBe('COMMUNITY_USER_KICKED');
    expect(decoded.signer).toEqual(communityKey.publicKey);
    const kicked = decoded.message as status.CommunityUserKicked;
    expect(uint64ToBigInt(kicked.clock)).toBe(42n);
    expect(kicked.communityId).toEqual(communityKey.compressed);
  });
});

describe('sealRequestToJoinResponse with keys', () => {
  it('carries every community key beside the signed response, readable only after the 1:1 entry opens', () => {
    const sealed = unwrap(
      sealRequestToJoinResponse({
        communityPrivateKey: communityKey.privateKey,
        requesterPublicKey: alice.publicKey,
        accepted: true,
        clock: 1_700_000_000_000,
        communityShard: null,
        profile,
        keyExchange: { installationId: 'control-node', groupId, keys },
      }),
    );
    const { opened, received } = memberReads(sealed.messages[0]!.payload);
    expect(received.map(keyIdOf)).toEqual(keys.map(keyIdOf));
    const amm = unwrap(unwrapApplicationMessage(opened.payload));
    expect(amm.type).toBe(status.ApplicationMetadataMessage.Type.COMMUNITY_REQUEST_TO_JOIN_RESPONSE);
    expect(amm.signer).toEqual(communityKey.publicKey);
  });
});

describe('descriptionRekeyLayer', () => {
  it('seals the current community key for every member; a non-member finds no entry', () => {
    const encoded = unwrap(
      encodeStatusMessage({
        type: status.ApplicationMetadataMessage.Type.COMMUNITY_DESCRIPTION,
        payload: new Uint8Array(0),
        signerPriv: communityKey.privateKey,
        envelope: { symKey: symKeyFor('0x00') },
        protocolLayer: descriptionRekeyLayer({
          installationId: 'control-node',
          key: keys[1]!,
          controlNodePrivateKey: communityKey.privateKey,
          members: [alice.publicKey],
        }),
      }),
    );
    const decoded = unwrap(decodeStatusMessage(encoded.payloads[0]!, { symKey: symKeyFor('0x00') }));
    if (decoded.kind !== 'message') throw new Error(decoded.kind);
    const reader = (member: typeof alice) =>
      unwrap(
        readKeyExchangeKeys(decoded.keyExchange!, {
          recipientPrivateKey: member.privateKey,
          senderPublicKey: decoded.envelopeSigner,
        }),
      );
    expect(reader(alice).map(keyIdOf)).toEqual([keyIdOf(keys[1]!)]);
    expect(reader(outsider)).toEqual([]);
  });
});
