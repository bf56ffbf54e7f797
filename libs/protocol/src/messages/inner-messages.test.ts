import { describe, expect, it } from '@jest/globals';
import { bytesToPrefixedHex, hexToBytesOrThrow } from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { encodeProto, protoName, status, uint64ToNumber } from '@status-communities/proto';
import type { ProtoCodec } from '@status-communities/proto';
import { decodeInnerMessage, innerMessageCodecs, isInnerMessageTypeName } from './inner-messages.js';
import type { InnerMessageTypeName } from './inner-messages.js';
import { vectors, seededBytes } from './testing/fixtures.js';

const [leave, chat] = vectors.applicationMetadataMessages;
const Type = status.ApplicationMetadataMessage.Type;

const typeNames = Object.keys(innerMessageCodecs) as InnerMessageTypeName[];

describe('decodeInnerMessage', () => {
  it('reads the RequestToLeave vector: unix-seconds clock and the community ID bytes', () => {
    const decoded = unwrap(decodeInnerMessage(leave!.type, hexToBytesOrThrow(leave!.payload)));
    expect(decoded.typeName).toBe('COMMUNITY_REQUEST_TO_LEAVE');
    if (decoded.typeName !== 'COMMUNITY_REQUEST_TO_LEAVE') return;
    expect(uint64ToNumber(decoded.message.clock)).toBe(1700000000);
    expect(bytesToPrefixedHex(decoded.message.communityId)).toBe(vectors.keys.community.compressed);
  });

  it('reads the ChatMessage vector as a community channel text message', () => {
    const decoded = unwrap(decodeInnerMessage(chat!.type, hexToBytesOrThrow(chat!.payload)));
    expect(decoded.typeName).toBe('CHAT_MESSAGE');
    if (decoded.typeName !== 'CHAT_MESSAGE') return;
    expect(decoded.message.text).toBe('gm from the test vectors');
    expect(decoded.message.chatId).toBe(
      `${vectors.keys.community.compressed}5f9c0b2e-1b7d-4c8a-9d51-6a3e2f0c7b14`,
    );
    expect(decoded.message.messageType).toBe(status.MessageType.COMMUNITY_CHAT);
    expect(decoded.message.contentType).toBe(status.ChatMessage.ContentType.TEXT_PLAIN);
  });

  it('covers every community type of the brief', () => {
    expect(typeNames.sort()).toEqual(
      [
        'CHAT_MESSAGE',
        'EDIT_MESSAGE',
        'DELETE_MESSAGE',
        'PIN_MESSAGE',
        'EMOJI_REACTION',
        'CHAT_IDENTITY',
        'COMMUNITY_DESCRIPTION',
        'COMMUNITY_REQUEST_TO_JOIN',
        'COMMUNITY_CANCEL_REQUEST_TO_JOIN',
        'COMMUNITY_REQUEST_TO_LEAVE',
        'COMMUNITY_REQUEST_TO_JOIN_RESPONSE',
        'COMMUNITY_USER_KICKED',
        'DELETE_COMMUNITY_MEMBER_MESSAGES',
        'COMMUNITY_PUBLIC_SHARD_INFO',
        'COMMUNITY_PUBLIC_STORENODES_INFO',
        'COMMUNITY_MESSAGE_ARCHIVE_MAGNETLINK',
        'COMMUNITY_EDIT_SHARED_ADDRESSES',
        'COMMUNITY_UPDATE_GRANT',
        'COMMUNITY_ENCRYPTION_KEYS_REQUEST',
        'COMMUNITY_REEVALUATE_PERMISSIONS_REQUEST',
        'COMMUNITY_SHARED_ADDRESSES_REQUEST',
        'COMMUNITY_SHARED_ADDRESSES_RESPONSE',
        'COMMUNITY_TOKEN_ACTION',
      ].sort(),
    );
  });

  it.each(typeNames)(
    'maps %s to the protobuf status-go names after it (CamelCase of the type)',
    (typeName) => {
      // SG cmd/generate_handlers toCamelCase
      const camel = typeName
        .toLowerCase()
        .split('_')
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
        .join('');
      const codec = innerMessageCodecs[typeName] as ProtoCodec<unknown>;
      expect(protoName(codec).replace(/^\//, '')).toBe(`status.${camel}`);
    },
  );

  it.each(typeNames)('round-trips a %s through its codec', (typeName) => {
    const codec = innerMessageCodecs[typeName] as ProtoCodec<object>;
    const bytes = encodeProto(codec, { clock: 42 });
    const decoded = unwrap(decodeInnerMessage(Type[typeName], bytes));
    expect(decoded.typeName).toBe(typeName);
    expect(decoded.message).toBeInstanceOf(innerMessageCodecs[typeName]);
    expect(encodeProto(codec, decoded.message)).toEqual(bytes);
  });

  it.each([
    ['UNKNOWN', 0, 'UNKNOWN'],
    ['a 1:1 type', Type.CONTACT_UPDATE, 'CONTACT_UPDATE'],
    ['a community type without a compiled proto', Type.COMMUNITY_EVENTS_MESSAGE, 'COMMUNITY_EVENTS_MESSAGE'],
    ['a reserved number', 14, 'UNRECOGNIZED'],
    ['a number past the enum', 9999, 'UNRECOGNIZED'],
  ])('is UNKNOWN_MESSAGE_TYPE for %s', (_name, type, typeName) => {
    const result = decodeInnerMessage(type, new Uint8Array(0));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(ErrorCode.UNKNOWN_MESSAGE_TYPE);
    expect(result.error.details).toEqual({ type, typeName });
  });

  it('is MALFORMED_PROTOBUF for a truncated payload', () => {
    const result = decodeInnerMessage(chat!.type, hexToBytesOrThrow(chat!.payload).subarray(0, 20));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(ErrorCode.MALFORMED_PROTOBUF);
  });

  it('is MALFORMED_PROTOBUF for a string field that is not UTF-8, as protobuf-go refuses it', () => {
    // ChatMessage.text (field 3) = 0xff
    const result = decodeInnerMessage(Type.CHAT_MESSAGE, Uint8Array.of(0x1a, 0x01, 0xff));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(ErrorCode.MALFORMED_PROTOBUF);
  });

  it('ends random bytes for every type in a message or MALFORMED_PROTOBUF', () => {
    const random = seededBytes(0x1e5);
    let failures = 0;
    for (const typeName of typeNames)
      for (let i = 0; i < 200; i++) {
        const result = decodeInnerMessage(Type[typeName], random(i));
        if (!result.ok) {
          failures++;
          expect(result.error.code).toBe(ErrorCode.MALFORMED_PROTOBUF);
        }
      }
    expect(failures).toBeGreaterThan(0);
  });
});

describe('isInnerMessageTypeName', () => {
  it('knows the registry names only', () => {
    expect(isInnerMessageTypeName('CHAT_MESSAGE')).toBe(true);
    expect(isInnerMessageTypeName('SYNC_CHAT')).toBe(false);
    expect(isInnerMessageTypeName('toString')).toBe(false);
  });
});
