import { describe, expect, it } from '@jest/globals';
import { bytesToPrefixedHex, symKeyFor } from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { uint64ToBigInt } from '@status-communities/proto';
import { wrapApplicationMessage } from '../messages/amm.js';
import { decodeStatusMessage } from '../messages/decode-status-message.js';
import type { DecodedStatusMessage } from '../messages/decode-status-message.js';
import { partitionedChatId } from '../topics/chat-ids.js';
import { contentTopicForChatId } from '../topics/content-topics.js';
import { DEFAULT_SHARD_PROFILE } from '../topics/shards.js';
import { sealDeleteMemberMessages, sealRequestToJoinResponse } from './control-node-messages.js';
import { COMMUNITY_ID, alice, communityKey, outsider } from './testing/fixtures.js';

const opened = (payload: Uint8Array, keys: { privateKey?: Uint8Array; symKey?: Uint8Array }) => {
  const decoded = unwrap(decodeStatusMessage(payload, keys));
  if (decoded.kind !== 'message') throw new Error(`not a message: ${decoded.kind}`);
  return decoded;
};

const responseOf = (decoded: DecodedStatusMessage) => {
  if (decoded.typeName !== 'COMMUNITY_REQUEST_TO_JOIN_RESPONSE') throw new Error(decoded.typeName);
  return decoded.message;
};

describe('sealRequestToJoinResponse', () => {
  const description = wrapApplicationMessage(25, new Uint8Array([8, 1]), communityKey.privateKey);

  it('is signed by the community key, ECIES to the requester, on its partitioned topic and shard 64', () => {
    const sealed = unwrap(
      sealRequestToJoinResponse({
        communityPrivateKey: communityKey.privateKey,
        requesterPublicKey: alice.publicKey,
        accepted: true,
        clock: 1_700_000_000_123,
        descriptionMessage: description,
        grant: new Uint8Array([1, 2, 3]),
        communityShard: null,
        profile: DEFAULT_SHARD_PROFILE,
      }),
    );
    expect(sealed.messages).toHaveLength(1);
    const [message] = sealed.messages;
    expect(message?.pubsubTopic).toBe('/waku/2/rs/16/64');
    expect(message?.contentTopic).toBe(contentTopicForChatId(unwrap(partitionedChatId(alice.publicKey))));
    const decoded = opened(message?.payload ?? new Uint8Array(), { privateKey: alice.privateKey });
    expect(decoded.layers).toEqual([]);
    expect(bytesToPrefixedHex(decoded.signer)).toBe(communityKey.memberKey);
    expect(decoded.messageId).toBe(sealed.messageId);
    const response = responseOf(decoded);
    expect(response.accepted).toBe(true);
    expect(uint64ToBigInt(response.clock)).toBe(1_700_000_000_123n);
    expect(bytesToPrefixedHex(response.communityId)).toBe(COMMUNITY_ID);
    expect(response.communityDescriptionProtocolMessage).toEqual(description);
    expect(response.grant).toEqual(new Uint8Array([1, 2, 3]));
    expect(response.shard).toBeNull();
  });

  it('cannot be opened by anyone but the requester', () => {
    const sealed = unwrap(
      sealRequestToJoinResponse({
        communityPrivateKey: communityKey.privateKey,
        requesterPublicKey: alice.publicKey,
        accepted: false,
        clock: 5,
        communityShard: null,
        profile: DEFAULT_SHARD_PROFILE,
      }),
    );
    const payload = sealed.messages[0]?.payload ?? new Uint8Array();
    const result = decodeStatusMessage(payload, { privateKey: outsider.privateKey });
    expect(result.ok ? 'opened' : result.error.code).toBe(ErrorCode.DECRYPTION_FAILED);
    const response = responseOf(opened(payload, { privateKey: alice.privateKey }));
    expect(response.accepted).toBe(false);
    expect(response.communityDescriptionProtocolMessage).toHaveLength(0);
  });

  it("carries the community's own shard but still answers on 64", () => {
    const sealed = unwrap(
      sealRequestToJoinResponse({
        communityPrivateKey: communityKey.privateKey,
        requesterPublicKey: alice.compressed,
        accepted: true,
        clock: 9,
        communityShard: { cluster: 16, index: 300 },
        profile: DEFAULT_SHARD_PROFILE,
      }),
    );
    expect(sealed.messages.map((message) => message.pubsubTopic)).toEqual(['/waku/2/rs/16/64']);
    const response = responseOf(opened(sealed.messages[0]?.payload ?? new Uint8Array(), alice));
    expect(response.shard).toMatchObject({ cluster: 16, index: 300 });
  });

  it('refuses a requester key that is not a curve point', () => {
    const result = sealRequestToJoinResponse({
      communityPrivateKey: communityKey.privateKey,
      requesterPublicKey: new Uint8Array(33).fill(7),
      accepted: true,
      clock: 1,
      communityShard: null,
      profile: DEFAULT_SHARD_PROFILE,
    });
    expect(result.ok ? 'sealed' : result.error.code).toBe(ErrorCode.INVALID_KEY);
  });
});

describe('sealDeleteMemberMessages', () => {
  it('goes on the community topic and description shards, readable with pbkdf2(communityId)', () => {
    const sealed = unwrap(
      sealDeleteMemberMessages({
        communityPrivateKey: communityKey.privateKey,
        communityId: COMMUNITY_ID,
        memberKey: alice.memberKey,
        clockSeconds: 1_700_000_000,
        communityShard: null,
        profile: DEFAULT_SHARD_PROFILE,
      }),
    );
    expect(sealed.messages.map((message) => message.pubsubTopic)).toEqual([
      '/waku/2/rs/16/128',
      '/waku/2/rs/16/32',
    ]);
    // Each shard's copy is sealed on its own (distinct gossipsub ids), the AMM inside is the same.
    expect(sealed.messages[0]?.payload).not.toEqual(sealed.messages[1]?.payload);
    for (const message of sealed.messages) {
      expect(message.contentTopic).toBe(contentTopicForChatId(COMMUNITY_ID));
      const decoded = opened(message.payload, { symKey: symKeyFor(COMMUNITY_ID) });
      if (decoded.typeName !== 'DELETE_COMMUNITY_MEMBER_MESSAGES') throw new Error(decoded.typeName);
      expect(bytesToPrefixedHex(decoded.signer)).toBe(communityKey.memberKey);
      expect(decoded.message.memberId).toBe(alice.memberKey);
      expect(decoded.message.messages).toEqual([]);
      expect(uint64ToBigInt(decoded.message.clock)).toBe(1_700_000_000n);
      expect(bytesToPrefixedHex(decoded.message.communityId)).toBe(COMMUNITY_ID);
      expect(decoded.messageId).toBe(sealed.messageId);
    }
  });
});
