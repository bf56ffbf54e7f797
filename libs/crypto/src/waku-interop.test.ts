import { describe, expect, it } from '@jest/globals';
import { ecies, symmetric } from '@waku/message-encryption';
import { bytesToHex } from './bytes.js';
import { generatePrivateKey, publicKeyFromPrivateKey } from './keys.js';
import { hex, vectors } from './testing/vectors.js';
import { decodeAsymmetric, decodeSymmetric, encodeAsymmetric, encodeSymmetric } from './waku-payload.js';

// Interop with js-waku's @waku/message-encryption 0.0.38, which status-web uses against status-go.
const contentTopic = '/waku/1/0x3d9da68f/rfc26';
const pubsubTopic = '/waku/2/rs/16/32';
const routingInfo = { clusterId: 16, shardId: 32, pubsubTopic };
const symKey = hex(vectors.contentTopics[0]?.symKey ?? '');
const senderPriv = hex(vectors.keys.member.private);
const senderPub = hex(vectors.keys.member.uncompressed);
const data = new TextEncoder().encode('interop: the same bytes both ways');

/** A WakuMessage proto object as a relay would deliver it (version 1). */
const asProto = (payload: Uint8Array) => ({
  payload,
  contentTopic,
  version: 1,
  timestamp: BigInt(Date.now()) * 1_000_000n,
  meta: undefined,
  rateLimitProof: undefined,
  ephemeral: false,
});

describe('symmetric payloads with @waku/message-encryption', () => {
  it('js-waku decodes what we encode, and reports our signer', async () => {
    const decoder = symmetric.createDecoder(contentTopic, routingInfo, symKey);
    const message = await decoder.fromProtoObj(
      pubsubTopic,
      asProto(encodeSymmetric(data, symKey, senderPriv)),
    );
    expect(message).toBeDefined();
    expect(message?.payload).toEqual(data);
    expect(bytesToHex(message?.signaturePublicKey ?? new Uint8Array(0))).toBe(bytesToHex(senderPub));
  });

  it('we decode what js-waku encodes with sigPrivKey', async () => {
    const sigPrivKey = generatePrivateKey();
    const encoder = symmetric.createEncoder({ contentTopic, routingInfo, symKey, sigPrivKey });
    const proto = await encoder.toProtoObj({ payload: data });
    if (!proto) throw new Error('js-waku produced no message');
    const result = decodeSymmetric(proto.payload, symKey);
    expect(result.ok && result.value.data).toEqual(data);
    expect(result.ok && result.value.signer).toEqual(publicKeyFromPrivateKey(sigPrivKey));
  });

  it('we refuse what js-waku encodes without sigPrivKey (UNSIGNED_ENVELOPE)', async () => {
    const encoder = symmetric.createEncoder({ contentTopic, routingInfo, symKey });
    const proto = await encoder.toProtoObj({ payload: data });
    if (!proto) throw new Error('js-waku produced no message');
    const result = decodeSymmetric(proto.payload, symKey);
    expect(!result.ok && result.error.code).toBe('UNSIGNED_ENVELOPE');
  });
});

describe('ECIES payloads with @waku/message-encryption', () => {
  const recipientPriv = hex(vectors.keys.community.private);
  const recipientPub = hex(vectors.keys.community.uncompressed);

  it('js-waku decodes what we encode, and reports our signer', async () => {
    const payload = encodeAsymmetric(data, recipientPub, senderPriv);
    if (!payload.ok) throw payload.error;
    const decoder = ecies.createDecoder(contentTopic, routingInfo, recipientPriv);
    const message = await decoder.fromProtoObj(pubsubTopic, asProto(payload.value));
    expect(message).toBeDefined();
    expect(message?.payload).toEqual(data);
    expect(bytesToHex(message?.signaturePublicKey ?? new Uint8Array(0))).toBe(bytesToHex(senderPub));
  });

  it('we decode what js-waku encodes with sigPrivKey', async () => {
    const sigPrivKey = generatePrivateKey();
    const encoder = ecies.createEncoder({ contentTopic, routingInfo, publicKey: recipientPub, sigPrivKey });
    const proto = await encoder.toProtoObj({ payload: data });
    if (!proto) throw new Error('js-waku produced no message');
    const result = decodeAsymmetric(proto.payload, recipientPriv);
    expect(result.ok && result.value.data).toEqual(data);
    expect(result.ok && result.value.signer).toEqual(publicKeyFromPrivateKey(sigPrivKey));
  });

  it('js-waku decodes the status-wire ECIES vector the same way we do', async () => {
    const vector = vectors.wakuPayloadV1[1];
    if (!vector) throw new Error('vector missing');
    const decoder = ecies.createDecoder(contentTopic, routingInfo, recipientPriv);
    const message = await decoder.fromProtoObj(pubsubTopic, asProto(hex(vector.encryptedPayload)));
    expect(bytesToHex(message?.payload ?? new Uint8Array(0))).toBe(vector.expectedData);
    expect('0x' + bytesToHex(message?.signaturePublicKey ?? new Uint8Array(0))).toBe(vector.expectedSigner);
  });
});
