import { describe, expect, it } from '@jest/globals';
import {
  bytesToHex,
  bytesToPrefixedHex,
  encodeAsymmetric,
  encodeSymmetric,
  encryptGcmNonceLast,
  hexToBytesOrThrow,
  keccak256,
  publicKeyFromPrivateKey,
} from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { encodeProto, sds, status, uint64ToNumber } from '@status-communities/proto';
import { wrapApplicationMessage } from './amm.js';
import {
  decodeApplicationMessage,
  decodeStatusMessage,
  encodeStatusMessage,
  openStatusMessage,
  prepareStatusMessage,
  sealStatusMessage,
} from './decode-status-message.js';
import type {
  ApplicationMessageDecoding,
  DecodedApplicationMessage,
  DecodedStatusMessage,
  StatusMessageDecoding,
} from './decode-status-message.js';
import { encodeRekeyMessage } from './hash-ratchet-messages.js';
import { SegmentAssembler } from './segments.js';
import { vectors, seededBytes } from './testing/fixtures.js';

const bytes = hexToBytesOrThrow;
const communityPriv = bytes(vectors.keys.community.private);
const memberPriv = bytes(vectors.keys.member.private);
const otherPriv = bytes(vectors.keys.other.private);
const memberPub = bytes(vectors.keys.member.uncompressed);
const descriptionSymKey = bytes(vectors.contentTopics.find((t) => t.use === 'description')!.symKey);
const [leaveAmm, chatAmm] = vectors.applicationMetadataMessages;
const [symmetricVector, eciesVector] = vectors.wakuPayloadV1;
const Type = status.ApplicationMetadataMessage.Type;
// What bytes past the envelope may fail with.
const applicationErrors = new Set<string>([
  ErrorCode.MALFORMED_PROTOBUF,
  ErrorCode.INVALID_SIGNATURE,
  ErrorCode.UNKNOWN_MESSAGE_TYPE,
]);

const decoded = (result: Result<StatusMessageDecoding>): DecodedStatusMessage => {
  const value = unwrap(result);
  if (value.kind !== 'message') throw new Error(`expected a message, got ${value.kind}`);
  return value;
};
const decodedApplication = (result: Result<ApplicationMessageDecoding>): DecodedApplicationMessage => {
  const value = unwrap(result);
  if (value.kind !== 'message') throw new Error(`expected a message, got ${value.kind}`);
  return value;
};
const errorCode = (result: Result<unknown>): string => {
  if (result.ok) throw new Error('expected a failure');
  return result.error.code;
};
const sealSymmetric = (data: Uint8Array, signer: Uint8Array = memberPriv): Uint8Array =>
  encodeSymmetric(data, descriptionSymKey, signer);

const chatMessage = (text: string): Uint8Array =>
  encodeProto(status.ChatMessage, {
    clock: 1700000000123,
    timestamp: 1700000000123,
    text,
    chatId: `${vectors.keys.community.compressed}5f9c0b2e-1b7d-4c8a-9d51-6a3e2f0c7b14`,
    messageType: status.MessageType.COMMUNITY_CHAT,
    contentType: status.ChatMessage.ContentType.TEXT_PLAIN,
  });

describe('decodeStatusMessage on the Waku payload vectors', () => {
  it('decodes the symmetric payload (description topic key) to the ChatMessage AMM', () => {
    const message = decoded(
      decodeStatusMessage(bytes(symmetricVector!.encryptedPayload), { symKey: descriptionSymKey }),
    );
    expect(bytesToPrefixedHex(message.envelopeSigner)).toBe(symmetricVector!.expectedSigner);
    expect(bytesToHex(message.applicationMessage)).toBe(symmetricVector!.expectedData);
    expect(message.layers).toEqual([]);
    expect(message.type).toBe(Type.CHAT_MESSAGE);
    expect(message.typeName).toBe('CHAT_MESSAGE');
    expect(bytesToPrefixedHex(message.signer)).toBe(chatAmm!.signer);
    expect(message.ammSigner).toEqual(message.signer);
    expect(message.messageId).toBe(chatAmm!.messageId);
    if (message.typeName !== 'CHAT_MESSAGE') throw new Error('narrowing');
    expect(message.message.text).toBe('gm from the test vectors');
  });

  it('decodes the ECIES payload with the community private key to the RequestToLeave AMM', () => {
    const message = decoded(
      decodeStatusMessage(bytes(eciesVector!.encryptedPayload), { privateKey: communityPriv }),
    );
    expect(bytesToPrefixedHex(message.envelopeSigner)).toBe(eciesVector!.expectedSigner);
    expect(bytesToHex(message.applicationMessage)).toBe(eciesVector!.expectedData);
    expect(message.typeName).toBe('COMMUNITY_REQUEST_TO_LEAVE');
    expect(message.messageId).toBe(leaveAmm!.messageId);
    if (message.typeName !== 'COMMUNITY_REQUEST_TO_LEAVE') throw new Error('narrowing');
    expect(uint64ToNumber(message.message.clock)).toBe(1700000000);
  });

  it('falls back to the private key when the symmetric key does not open the payload', () => {
    const message = decoded(
      decodeStatusMessage(bytes(eciesVector!.encryptedPayload), {
        symKey: descriptionSymKey,
        privateKey: communityPriv,
      }),
    );
    expect(message.messageId).toBe(leaveAmm!.messageId);
  });

  it('is DECRYPTION_FAILED with the wrong key, opened or decoded', () => {
    for (const open of [decodeStatusMessage, openStatusMessage]) {
      expect(errorCode(open(bytes(symmetricVector!.encryptedPayload), { symKey: new Uint8Array(32) }))).toBe(
        ErrorCode.DECRYPTION_FAILED,
      );
      expect(errorCode(open(bytes(eciesVector!.encryptedPayload), { privateKey: memberPriv }))).toBe(
        ErrorCode.DECRYPTION_FAILED,
      );
    }
  });

  it('is UNSIGNED_ENVELOPE for an envelope without signature, which status-go drops', () => {
    // flags 1 (one size byte, not signed) || size || AMM || padding to 256
    const data = bytes(chatAmm!.ammBytes);
    const plain = new Uint8Array(256 * Math.ceil((2 + data.length) / 256));
    plain.set([1, data.length]);
    plain.set(data, 2);
    const payload = encryptGcmNonceLast(plain, descriptionSymKey);
    expect(errorCode(decodeStatusMessage(payload, { symKey: descriptionSymKey }))).toBe(
      ErrorCode.UNSIGNED_ENVELOPE,
    );
  });

  it('refuses to run without any key (a caller bug)', () => {
    expect(() => decodeStatusMessage(bytes(symmetricVector!.encryptedPayload), {})).toThrow(TypeError);
  });
});

describe('layers around the AMM', () => {
  const wrappings = (amm: Uint8Array): [string, Uint8Array, string[]][] => [
    ['bare', amm, []],
    [
      'ProtocolMessage (status-go)',
      encodeProto(status.encryption.ProtocolMessage, {
        installationId: 'e9f4a0d6-0b9b-4a56-8d5c-2b3c4d5e6f70',
        bundles: [{ identity: publicKeyFromPrivateKey(memberPriv, { compressed: true }), timestamp: 1 }],
        publicMessage: amm,
      }),
      ['protocol-message'],
    ],
    [
      'SDS (status-go 2025+)',
      encodeProto(sds.Message, { senderId: 's', messageId: 'm', channelId: 'c', content: amm }),
      ['sds'],
    ],
    [
      'ProtocolMessage around SDS',
      encodeProto(status.encryption.ProtocolMessage, {
        publicMessage: encodeProto(sds.Message, { senderId: 's', channelId: 'c', content: amm }),
      }),
      ['protocol-message', 'sds'],
    ],
  ];
  const cases = vectors.applicationMetadataMessages.flatMap((vector) =>
    wrappings(bytes(vector.ammBytes)).map(
      ([name, data, layers]) => [`type ${vector.type}, ${name}`, data, layers, vector] as const,
    ),
  );

  it.each(cases)('%s: decodes to the vector message ID', (_name, data, layers, vector) => {
    const message = decoded(decodeStatusMessage(sealSymmetric(data), { symKey: descriptionSymKey }));
    expect(message.layers).toEqual(layers);
    expect(message.messageId).toBe(vector.messageId);
    expect(bytesToPrefixedHex(message.signer)).toBe(vector.signer);
    expect(bytesToHex(message.applicationMessage)).toBe(vector.ammBytes);
    expect(decodedApplication(decodeApplicationMessage(data)).messageId).toBe(vector.messageId);
  });

  it('reports a hash-ratchet encrypted message with the envelope signer, for a key holder', () => {
    const data = encodeProto(status.encryption.ProtocolMessage, {
      encryptedMessage: {
        none: {
          HRHeader: { seqNo: 2, groupId: Uint8Array.of(3), keyId: Uint8Array.of(4) },
          payload: Uint8Array.of(5),
        },
      },
    });
    const result = unwrap(decodeStatusMessage(sealSymmetric(data), { symKey: descriptionSymKey }));
    expect(result).toMatchObject({
      kind: 'encrypted',
      layers: ['protocol-message'],
      envelopeSigner: memberPub,
    });
    if (result.kind === 'encrypted')
      expect(result.encryption).toMatchObject({ kind: 'hash-ratchet', seqNo: 2 });
  });

  it('takes the envelope signer for an unsigned AMM and keeps status-go ID (hash of the AMM alone)', () => {
    const amm = encodeProto(status.ApplicationMetadataMessage, {
      payload: chatMessage('hi'),
      type: Type.CHAT_MESSAGE,
    });
    const message = decoded(
      decodeStatusMessage(sealSymmetric(amm, otherPriv), { symKey: descriptionSymKey }),
    );
    expect(message.ammSigner).toBeUndefined();
    expect(message.signer).toEqual(publicKeyFromPrivateKey(otherPriv));
    expect(message.messageId).toBe(bytesToPrefixedHex(keccak256(amm)));
    expect(decodedApplication(decodeApplicationMessage(amm)).signer).toBeUndefined();
  });
});

describe('openStatusMessage', () => {
  it('verifies the message as decodeStatusMessage does and leaves the inner protobuf as bytes', () => {
    const payload = bytes(symmetricVector!.encryptedPayload);
    const opened = unwrap(openStatusMessage(payload, { symKey: descriptionSymKey }));
    if (opened.kind !== 'message') throw new Error(`expected a message, got ${opened.kind}`);
    const { typeName, message, ...rest } = decoded(
      decodeStatusMessage(payload, { symKey: descriptionSymKey }),
    );
    expect(opened).toEqual(rest);
    expect(opened).not.toHaveProperty('message');
    expect(status.ChatMessage.decode(opened.payload)).toEqual(message);
    expect(typeName).toBe('CHAT_MESSAGE');
  });

  it('opens a message whose inner protobuf decodeStatusMessage refuses, with its signer and ID', () => {
    const amm = wrapApplicationMessage(Type.COMMUNITY_EVENTS_MESSAGE, Uint8Array.of(8, 1), memberPriv);
    const payload = sealSymmetric(amm);
    expect(errorCode(decodeStatusMessage(payload, { symKey: descriptionSymKey }))).toBe(
      ErrorCode.UNKNOWN_MESSAGE_TYPE,
    );
    const opened = unwrap(openStatusMessage(payload, { symKey: descriptionSymKey }));
    expect(opened).toMatchObject({
      kind: 'message',
      type: Type.COMMUNITY_EVENTS_MESSAGE,
      signer: memberPub,
      messageId: bytesToPrefixedHex(keccak256(new Uint8Array([...memberPub, ...amm]))),
      payload: Uint8Array.of(8, 1),
    });
  });
});

describe('errors at each step', () => {
  it('is INVALID_SIGNATURE for an AMM signature that does not recover', () => {
    const amm = encodeProto(status.ApplicationMetadataMessage, {
      signature: new Uint8Array(65),
      payload: chatMessage('hi'),
      type: Type.CHAT_MESSAGE,
    });
    for (const open of [decodeStatusMessage, openStatusMessage])
      expect(errorCode(open(sealSymmetric(amm), { symKey: descriptionSymKey }))).toBe(
        ErrorCode.INVALID_SIGNATURE,
      );
  });

  it('is UNKNOWN_MESSAGE_TYPE for a type without codec', () => {
    const amm = wrapApplicationMessage(Type.COMMUNITY_EVENTS_MESSAGE, Uint8Array.of(8, 1), memberPriv);
    expect(errorCode(decodeStatusMessage(sealSymmetric(amm), { symKey: descriptionSymKey }))).toBe(
      ErrorCode.UNKNOWN_MESSAGE_TYPE,
    );
  });

  it('is MALFORMED_PROTOBUF for an inner payload that does not parse', () => {
    const amm = wrapApplicationMessage(Type.CHAT_MESSAGE, Uint8Array.of(0x0a, 0x05, 1), memberPriv);
    expect(errorCode(decodeStatusMessage(sealSymmetric(amm), { symKey: descriptionSymKey }))).toBe(
      ErrorCode.MALFORMED_PROTOBUF,
    );
  });

  it('ends random ciphertexts, and random data in valid envelopes, in typed errors', () => {
    const random = seededBytes(0xdec0);
    const allowed = new Set<string>([
      ErrorCode.DECRYPTION_FAILED,
      ErrorCode.MALFORMED_PAYLOAD,
      ...applicationErrors,
    ]);
    for (let i = 0; i < 300; i++) {
      for (const result of [
        decodeStatusMessage(random(i * 3), { symKey: descriptionSymKey }),
        decodeStatusMessage(random(i * 3), { privateKey: communityPriv }),
        decodeStatusMessage(sealSymmetric(random(i)), { symKey: descriptionSymKey }),
      ])
        if (!result.ok) expect(allowed).toContain(result.error.code);
    }
  });

  it('ends bit-flipped AMMs in a message or a typed error', () => {
    const amm = bytes(chatAmm!.ammBytes);
    const allowed = applicationErrors;
    let failures = 0;
    for (let bit = 0; bit < amm.length * 8; bit += 3) {
      const flipped = Uint8Array.from(amm);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      const result = decodeApplicationMessage(flipped);
      if (result.ok) {
        // A flip in the signature or payload still decodes, but never to the genuine sender and ID.
        if (result.value.kind === 'message') expect(result.value.messageId).not.toBe(chatAmm!.messageId);
      } else {
        failures++;
        expect(allowed).toContain(result.error.code);
      }
    }
    expect(failures).toBeGreaterThan(0);
  });
});

describe('segmented messages', () => {
  const bigText = 'x'.repeat(3000);
  const segmentedChat = (maxSegmentSize: number, wrapInProtocolMessage: boolean) =>
    unwrap(
      encodeStatusMessage({
        type: Type.CHAT_MESSAGE,
        payload: chatMessage(bigText),
        signerPriv: memberPriv,
        envelope: { symKey: descriptionSymKey },
        wrapInProtocolMessage,
        maxSegmentSize,
      }),
    );

  it('reassembles segments arriving out of order, then decodes the whole', () => {
    const encoded = segmentedChat(1000, true);
    expect(encoded.payloads).toHaveLength(4);
    const assembler = new SegmentAssembler();
    const order = [3, 1, 0, 2];
    const results = order.map((i) =>
      unwrap(
        decodeStatusMessage(
          encoded.payloads[i]!,
          { symKey: descriptionSymKey },
          { segments: { assembler, nowMs: 0 } },
        ),
      ),
    );
    for (const pending of results.slice(0, 3))
      expect(pending).toMatchObject({ kind: 'segment', progress: { status: 'pending' } });
    const message = results[3]!;
    if (message.kind !== 'message' || message.typeName !== 'CHAT_MESSAGE')
      throw new Error('expected the chat message');
    expect(message.layers).toEqual(['segments', 'protocol-message']);
    expect(message.messageId).toBe(encoded.messageId);
    expect(message.message.text).toBe(bigText);
  });

  it('reports a segment as such without an assembler', () => {
    const encoded = segmentedChat(2000, false);
    const result = unwrap(decodeStatusMessage(encoded.payloads[1]!, { symKey: descriptionSymKey }));
    expect(result).toMatchObject({
      kind: 'segment',
      progress: undefined,
      segment: { index: 1, segmentsCount: 2 },
    });
  });
});

describe('encodeStatusMessage', () => {
  it('seals one prepared message into different payloads that all read as that message', () => {
    const prepared = prepareStatusMessage({
      type: Type.CHAT_MESSAGE,
      payload: chatMessage('once'),
      signerPriv: memberPriv,
    });
    const first = unwrap(sealStatusMessage(prepared, { symKey: descriptionSymKey }));
    const second = unwrap(sealStatusMessage(prepared, { symKey: descriptionSymKey }));
    const third = unwrap(sealStatusMessage(prepared, { recipientPublicKey: memberPub }));
    expect(Buffer.from(first.payloads[0]!).equals(Buffer.from(second.payloads[0]!))).toBe(false);
    for (const message of [
      decoded(decodeStatusMessage(first.payloads[0]!, { symKey: descriptionSymKey })),
      decoded(decodeStatusMessage(second.payloads[0]!, { symKey: descriptionSymKey })),
      decoded(decodeStatusMessage(third.payloads[0]!, { privateKey: memberPriv })),
    ]) {
      expect(message.messageId).toBe(prepared.messageId);
      expect(message.applicationMessage).toEqual(prepared.applicationMessage);
      expect(message.envelopeSigner).toEqual(publicKeyFromPrivateKey(memberPriv));
    }
  });

  it('seals a bare AMM symmetrically, with the message ID receivers compute', () => {
    const payload = chatMessage('hello');
    const encoded = unwrap(
      encodeStatusMessage({
        type: Type.CHAT_MESSAGE,
        payload,
        signerPriv: memberPriv,
        envelope: { symKey: descriptionSymKey },
      }),
    );
    expect(encoded.payloads).toHaveLength(1);
    const message = decoded(decodeStatusMessage(encoded.payloads[0]!, { symKey: descriptionSymKey }));
    expect(message.layers).toEqual([]);
    expect(message.messageId).toBe(encoded.messageId);
    expect(message.applicationMessage).toEqual(encoded.applicationMessage);
    expect(message.payload).toEqual(payload);
  });

  it('seals with ECIES to a recipient, AMM signed by one key and envelope by another', () => {
    const encoded = unwrap(
      encodeStatusMessage({
        type: Type.COMMUNITY_REQUEST_TO_JOIN_RESPONSE,
        payload: encodeProto(status.CommunityRequestToJoinResponse, { clock: 1700000000000, accepted: true }),
        signerPriv: communityPriv,
        envelopeSignerPriv: otherPriv,
        envelope: { recipientPublicKey: memberPub },
      }),
    );
    const message = decoded(decodeStatusMessage(encoded.payloads[0]!, { privateKey: memberPriv }));
    expect(message.typeName).toBe('COMMUNITY_REQUEST_TO_JOIN_RESPONSE');
    expect(message.signer).toEqual(publicKeyFromPrivateKey(communityPriv));
    expect(message.envelopeSigner).toEqual(publicKeyFromPrivateKey(otherPriv));
    expect(message.messageId).toBe(encoded.messageId);
  });

  it('reproduces the vector AMM and ID, and wraps it in a ProtocolMessage on request', () => {
    const encoded = unwrap(
      encodeStatusMessage({
        type: chatAmm!.type,
        payload: status.ApplicationMetadataMessage.decode(bytes(chatAmm!.ammBytes)).payload,
        signerPriv: memberPriv,
        envelope: { symKey: descriptionSymKey },
        wrapInProtocolMessage: true,
      }),
    );
    expect(bytesToHex(encoded.applicationMessage)).toBe(chatAmm!.ammBytes);
    expect(encoded.messageId).toBe(chatAmm!.messageId);
    const message = decoded(decodeStatusMessage(encoded.payloads[0]!, { symKey: descriptionSymKey }));
    expect(message.layers).toEqual(['protocol-message']);
    expect(message.messageId).toBe(chatAmm!.messageId);
  });

  it('puts the signed AMM inside a ProtocolMessage the caller builds (a rekey envelope), readable as a key exchange', () => {
    const key = {
      groupId: publicKeyFromPrivateKey(communityPriv, { compressed: true }),
      key: new Uint8Array(32).fill(4),
      timestampMs: 1_700_000_000_000n,
    };
    const encoded = unwrap(
      encodeStatusMessage({
        type: Type.COMMUNITY_DESCRIPTION,
        payload: encodeProto(status.CommunityDescription, status.CommunityDescription.create({ clock: 7 })),
        signerPriv: communityPriv,
        envelope: { symKey: descriptionSymKey },
        protocolLayer: (applicationMessage) =>
          encodeRekeyMessage({
            installationId: 'control-node',
            key,
            senderPrivateKey: communityPriv,
            recipients: [memberPub],
            payload: applicationMessage,
          }),
      }),
    );
    const message = decoded(decodeStatusMessage(encoded.payloads[0]!, { symKey: descriptionSymKey }));
    expect(message.typeName).toBe('COMMUNITY_DESCRIPTION');
    expect(message.messageId).toBe(encoded.messageId);
    expect(message.keyExchange?.groupId).toEqual(key.groupId);
    expect(Object.keys(message.keyExchange?.keys?.rekeyGroup?.keys ?? {})).toHaveLength(1);
  });

  it('is INVALID_KEY for an ECIES recipient that is not a curve point', () => {
    const result = encodeStatusMessage({
      type: Type.CHAT_MESSAGE,
      payload: chatMessage('x'),
      signerPriv: memberPriv,
      envelope: { recipientPublicKey: Uint8Array.of(4, ...new Uint8Array(64)) },
    });
    expect(errorCode(result)).toBe(ErrorCode.INVALID_KEY);
  });

  it('produces payloads the crypto layer alone opens to the same data', () => {
    const amm = bytes(leaveAmm!.ammBytes);
    const viaCrypto = unwrap(encodeAsymmetric(amm, memberPub, memberPriv));
    const message = decoded(decodeStatusMessage(viaCrypto, { privateKey: memberPriv }));
    expect(message.messageId).toBe(leaveAmm!.messageId);
  });
});

describe('decodeApplicationMessage', () => {
  it.each(vectors.applicationMetadataMessages.map((v) => [v.type, v] as const))(
    'decodes the bare vector AMM of type %i with its signer and ID',
    (_type, vector) => {
      const message = decodedApplication(decodeApplicationMessage(bytes(vector.ammBytes)));
      expect(message.signer && bytesToPrefixedHex(message.signer)).toBe(vector.signer);
      expect(message.messageId).toBe(vector.messageId);
      expect(message.layers).toEqual([]);
    },
  );

  it('ends random bytes in a value or a typed error', () => {
    const random = seededBytes(0xabc);
    const allowed = applicationErrors;
    for (let i = 0; i < 3000; i++) {
      const result = decodeApplicationMessage(random(i % 500));
      if (!result.ok) expect(allowed).toContain(result.error.code);
    }
  });
});
