import { describe, expect, it } from '@jest/globals';
import {
  bytesToPrefixedHex,
  compressPublicKey,
  generatePrivateKey,
  publicKeyFromPrivateKey,
} from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { decodeProto, encodeProto, status } from '@status-communities/proto';
import { validateOneToOneChatMessage } from '../messages/chat-message-rules.js';
import { decodeShareUrl } from '../topics/share-urls.js';
import { buildCommunityInviteMessage } from './community-invite.js';
import { alicePrivateKey } from './testing/fixtures.js';

const now = 1_765_000_000_000;
const communityKey = publicKeyFromPrivateKey(generatePrivateKey());
const community = {
  displayName: 'Bot Builders',
  description: 'We build bots',
  membersCount: 42,
  color: '#4360df',
  tagIndices: [1],
};

const overTheWire = (message: status.ChatMessage.$Properties): status.ChatMessage =>
  unwrap(
    decodeProto<status.ChatMessage>(
      status.ChatMessage,
      encodeProto(status.ChatMessage, status.ChatMessage.create(message)),
    ),
  );

describe('community invitation in a 1:1 chat', () => {
  it('is TEXT_PLAIN with note and share URL, the shard, and one unfurled community link', () => {
    const message = overTheWire(
      unwrap(
        buildCommunityInviteMessage({
          recipientKey: publicKeyFromPrivateKey(alicePrivateKey),
          clock: now,
          timestampMs: now,
          communityKey,
          community,
          shard: { cluster: 16, index: 5 },
          note: 'Join us',
        }),
      ),
    );
    const [note, url] = message.text.split('\n');
    expect(note).toBe('Join us');
    expect(url).toMatch(/^https:\/\/status\.app\/c\/[^#]+#zQ3sh/);
    const decoded = unwrap(decodeShareUrl(url!));
    expect(decoded).toMatchObject({ kind: 'community', data: community, shard: { cluster: 16, index: 5 } });
    expect(message.contentType).toBe(status.ChatMessage.ContentType.TEXT_PLAIN);
    expect(message.shard).toMatchObject({ cluster: 16, index: 5 });
    const links = message.unfurledStatusLinks!.unfurledStatusLinks!;
    expect(links).toHaveLength(1);
    expect(links[0]!.url).toBe(url);
    expect(links[0]!.community).toMatchObject({
      displayName: 'Bot Builders',
      membersCount: 42,
      color: '#4360df',
    });
    expect(links[0]!.community!.communityId).toEqual(unwrap(compressPublicKey(communityKey)));
    expect(decoded).toMatchObject({
      communityId: bytesToPrefixedHex(unwrap(compressPublicKey(communityKey))),
    });
    expect(validateOneToOneChatMessage(message, { wakuTimestampMs: now }).ok).toBe(true);
  });

  it('without a note the text is the URL alone; a community without shard carries none', () => {
    const message = unwrap(
      buildCommunityInviteMessage({
        recipientKey: publicKeyFromPrivateKey(alicePrivateKey),
        clock: now,
        timestampMs: now,
        communityKey,
        community,
        shard: null,
      }),
    );
    expect(message.text).toMatch(/^https:\/\/status\.app\/c\//);
    expect(message).not.toHaveProperty('shard');
  });

  it('a bad community key is INVALID_KEY', () => {
    const result = buildCommunityInviteMessage({
      recipientKey: publicKeyFromPrivateKey(alicePrivateKey),
      clock: now,
      timestampMs: now,
      communityKey: new Uint8Array(33),
      community,
      shard: null,
    });
    expect(result.ok ? undefined : result.error.code).toBe(ErrorCode.INVALID_KEY);
  });
});
