export {
  bytesToHex,
  bytesToPrefixedHex,
  concatBytes,
  equalBytes,
  hexToBytes,
  hexToBytesOrThrow,
  toPlainBytes,
  utf8ToBytes,
} from './bytes.js';
export { keccak256, keccak256Concat, keccakBackendName } from './keccak.js';
export {
  COMPRESSED_PUBLIC_KEY_LENGTH,
  PRIVATE_KEY_LENGTH,
  UNCOMPRESSED_PUBLIC_KEY_LENGTH,
  compressPublicKey,
  decompressPublicKey,
  ecdhSharedX,
  generatePrivateKey,
  isValidPrivateKey,
  isValidPublicKey,
  parsePrivateKey,
  parsePublicKeyHex,
  publicKeyFromPrivateKey,
  publicKeyToAddress,
  publicKeyToCompressedHex,
  publicKeyToHex,
} from './keys.js';
export { HASH_LENGTH, SIGNATURE_LENGTH, type SignatureBackend } from './signature-backend.js';
export { nobleBackend } from './noble-backend.js';
export { createNativeBackend, loadNativeSecp256k1, type NativeSecp256k1 } from './native-backend.js';
export {
  loadSignatureBackend,
  recoverPublicKey,
  sign,
  signatureBackend,
  verifySignature,
  type LoadSignatureBackendOptions,
} from './signatures.js';
export {
  personalSign,
  personalSignDigest,
  recoverPersonalSignAddress,
  type RecoverPersonalSignOptions,
} from './personal-sign.js';
export {
  SYM_KEY_LENGTH,
  SYM_KEY_PBKDF2_ITERATIONS,
  SymKeyCache,
  defaultSymKeyCache,
  deriveSymKey,
  deriveSymKeyAsync,
  symKeyFor,
  type SymKeyCacheOptions,
} from './sym-key.js';
export {
  AES_256_KEY_LENGTH,
  GCM_NONCE_LENGTH,
  GCM_TAG_LENGTH,
  decryptGcmNonceFirst,
  decryptGcmNonceLast,
  encryptGcmNonceFirst,
  encryptGcmNonceLast,
} from './aes-gcm.js';
export { eciesDecrypt, eciesEncrypt } from './ecies.js';
export {
  decodeAsymmetric,
  decodeSymmetric,
  encodeAsymmetric,
  encodeSymmetric,
  encryptSignedAsymmetric,
  encryptSignedSymmetric,
  signWakuPayload,
  type DecodedWakuPayload,
} from './waku-payload.js';
export { deserializePublicKey, serializePublicKey } from './zq3.js';
export {
  HASH_RATCHET_KEY_BUMP_MS,
  MAX_HASH_RATCHET_SEQ_NO_DELTA,
  hashRatchetKeyId,
  hashRatchetMemberMapKey,
  messageKey,
  nextKeyTimestamp,
} from './hash-ratchet.js';
export {
  performActiveX3dh,
  performPassiveX3dh,
  type ActiveX3dhInput,
  type PassiveX3dhInput,
} from './x3dh.js';
export {
  RATCHET_CIPHERTEXT_OVERHEAD,
  deriveMessageEncryptionKeys,
  kdfChainKey,
  kdfRootKey,
  ratchetOpen,
  ratchetSeal,
  type MessageEncryptionKeys,
  type RootKdfOutput,
} from './double-ratchet-crypto.js';
export {
  RATCHET_HEADER_LENGTH,
  STATUS_RATCHET_LIMITS,
  checkRatchetHeader,
  encodeRatchetHeader,
  initiatorRatchetState,
  ratchetDecrypt,
  ratchetEncrypt,
  responderRatchetState,
  type RatchetDecrypted,
  type RatchetEncrypted,
  type RatchetHeader,
  type RatchetKeyPair,
  type RatchetLimits,
  type RatchetOptions,
  type RatchetState,
  type SkippedMessageKey,
} from './double-ratchet.js';
export { openWithDh, sealWithDh, type DhSealOptions, type DhSealed } from './dh-message.js';
export {
  advanceMessageKey,
  checkHashRatchetSeqNo,
  decryptWithHashRatchet,
  deprecatedHashRatchetKeyId,
  encryptWithHashRatchet,
  generateHashRatchetKey,
  keyIdOf,
  type HashRatchetKey,
} from './hash-ratchet.js';
export { REKEY_ENTRY_LENGTH, openRekeyGroupKey, sealRekeyGroupKeys } from './hash-ratchet-rekey.js';
export { decodeRatchetState, encodeRatchetState } from './double-ratchet-state-codec.js';
