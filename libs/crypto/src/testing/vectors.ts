// Test-only: the project's wire vectors (shared/vectors/status-wire.json, beside the checkout) and small helpers.
import { readFileSync } from 'node:fs';
import { hexToBytesOrThrow } from '../bytes.js';

interface KeyVector {
  private: string;
  uncompressed: string;
  compressed?: string;
}

export interface StatusWireVectors {
  keys: {
    community: KeyVector & { compressed: string };
    member: KeyVector & { compressed: string };
    other: KeyVector;
  };
  /** symKey is null for topics that carry ECIES (asymmetric) traffic only. */
  contentTopics: { use: string; chatId: string; contentTopic: string; symKey: string | null }[];
  applicationMetadataMessages: {
    payload: string;
    keccak256Payload: string;
    signature: string;
    signer: string;
  }[];
  requestToJoin: {
    revealedAccountHash: string;
    wallet: { private: string; address: string };
    personalSignDigest: string;
    personalSignature27: string;
  };
  serializedKeys: { compressed: string; serialized: string }[];
  wakuPayloadV1: {
    encryptedPayload: string;
    symKey?: string;
    expectedData: string;
    expectedSigner: string;
  }[];
  hashRatchet: {
    groupId: string;
    key: string;
    timestamp: string;
    keyId: string;
    messageKeys: { seqNo: number; messageKey: string }[];
  };
}

export const vectors = JSON.parse(
  readFileSync(new URL('../../../../../shared/vectors/status-wire.json', import.meta.url), 'utf8'),
) as StatusWireVectors;

export const hex = hexToBytesOrThrow;

/** Deterministic PRNG (xorshift32) so property-style tests are reproducible. */
export const seededRandom = (seed: number): ((max: number) => number) => {
  let state = seed >>> 0 || 1;
  return (max: number) => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % max;
  };
};

export const randomBytesFrom = (random: (max: number) => number, length: number): Uint8Array => {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = random(256);
  return out;
};
