import { fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { concatBytes } from './bytes.js';
import { keccak256 } from './keccak.js';
import { ecdhSharedX } from './keys.js';

// X3DH as status-go runs it: secp256k1 only, no one-time prekey, and SK = keccak256 of the three
// x-coordinates (no HKDF). SG protocol/encryption/x3dh.go x3dhActive / x3dhPassive.

/** What the initiator (Alice) holds: her identity key, a fresh ephemeral key, Bob's bundle keys. */
export interface ActiveX3dhInput {
  readonly ourIdentityPrivateKey: Uint8Array;
  readonly ourEphemeralPrivateKey: Uint8Array;
  /** Bob's identity key (33/65 bytes), the `Bundle.identity`. */
  readonly theirIdentityPublicKey: Uint8Array;
  /** Bob's signed pre-key (33/65 bytes) for the installation Alice encrypts to. */
  readonly theirSignedPreKey: Uint8Array;
}

/** What the responder (Bob) holds: his identity and signed pre-key, Alice's identity and ephemeral key. */
export interface PassiveX3dhInput {
  readonly ourIdentityPrivateKey: Uint8Array;
  readonly ourSignedPreKeyPrivateKey: Uint8Array;
  /** Alice's identity key: the transport signer of the envelope. */
  readonly theirIdentityPublicKey: Uint8Array;
  /** `X3DHHeader.key`: Alice's ephemeral key. */
  readonly theirEphemeralPublicKey: Uint8Array;
}

const sharedKey = (dh1: Uint8Array, dh2: Uint8Array, dh3: Uint8Array): Uint8Array =>
  keccak256(concatBytes(dh1, dh2, dh3));

const x3dhFailure = (result: Result<never>): Result<never> =>
  result.ok ? result : fail(result.error.code, `X3DH: ${result.error.message}`, result.error.details);

/** SK = keccak256(x(IK_A·SPK_B) ‖ x(EK_A·IK_B) ‖ x(EK_A·SPK_B)). An invalid key is INVALID_KEY. */
export const performActiveX3dh = (input: ActiveX3dhInput): Result<Uint8Array> => {
  const dh1 = ecdhSharedX(input.ourIdentityPrivateKey, input.theirSignedPreKey);
  if (!dh1.ok) return x3dhFailure(dh1);
  const dh2 = ecdhSharedX(input.ourEphemeralPrivateKey, input.theirIdentityPublicKey);
  if (!dh2.ok) return x3dhFailure(dh2);
  const dh3 = ecdhSharedX(input.ourEphemeralPrivateKey, input.theirSignedPreKey);
  if (!dh3.ok) return x3dhFailure(dh3);
  return ok(sharedKey(dh1.value, dh2.value, dh3.value));
};

/** SK = keccak256(x(SPK_B·IK_A) ‖ x(IK_B·EK_A) ‖ x(SPK_B·EK_A)): the same key as the active side. */
export const performPassiveX3dh = (input: PassiveX3dhInput): Result<Uint8Array> => {
  const dh1 = ecdhSharedX(input.ourSignedPreKeyPrivateKey, input.theirIdentityPublicKey);
  if (!dh1.ok) return x3dhFailure(dh1);
  const dh2 = ecdhSharedX(input.ourIdentityPrivateKey, input.theirEphemeralPublicKey);
  if (!dh2.ok) return x3dhFailure(dh2);
  const dh3 = ecdhSharedX(input.ourSignedPreKeyPrivateKey, input.theirEphemeralPublicKey);
  if (!dh3.ok) return x3dhFailure(dh3);
  return ok(sharedKey(dh1.value, dh2.value, dh3.value));
};
