// Test-only: the project's wire vectors (shared/vectors/status-wire.json, beside the checkout) and a seeded
// byte generator, shared by the tests of this folder. Nothing outside tests imports it.
import { readFileSync } from 'node:fs';

interface KeyVector {
  private: string;
  uncompressed: string;
  compressed: string;
}

export interface AmmVector {
  what: string;
  payload: string;
  keccak256Payload: string;
  signature: string;
  ammBytes: string;
  messageId: string;
  signer: string;
  type: number;
}

export interface MessageVectors {
  keys: { community: KeyVector; member: KeyVector; other: Omit<KeyVector, 'compressed'> };
  contentTopics: { use: string; chatId: string; symKey: string }[];
  applicationMetadataMessages: AmmVector[];
  wakuPayloadV1: {
    what: string;
    symKey?: string;
    encryptedPayload: string;
    expectedData: string;
    expectedSigner: string;
  }[];
}

export const vectors = JSON.parse(
  readFileSync(new URL('../../../../../../shared/vectors/status-wire.json', import.meta.url), 'utf8'),
) as MessageVectors;

/** Deterministic pseudo-random bytes (xorshift32), so a failing random case can be replayed from its seed. */
export const seededBytes = (seed: number): ((length: number) => Uint8Array) => {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  return (length) => Uint8Array.from({ length }, () => next() & 0xff);
};
