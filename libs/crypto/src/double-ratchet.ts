import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { equalBytes } from './bytes.js';
import { kdfChainKey, kdfRootKey, ratchetOpen, ratchetSeal } from './double-ratchet-crypto.js';
import {
  COMPRESSED_PUBLIC_KEY_LENGTH,
  ecdhSharedX,
  generatePrivateKey,
  isValidPrivateKey,
  isValidPublicKey,
  publicKeyFromPrivateKey,
} from './keys.js';

// status-im/doubleratchet as status-go configures it (EthereumCrypto, no header encryption), as pure
// functions over an immutable state: a call returns the next state and never changes its input, so a
// message that fails to decrypt leaves the session exactly as it was. SG vendor/github.com/status-im/
// doubleratchet/{session,state,chains,message}.go; limits from protocol/encryption/encryptor.go.

/** Header bytes that are the associated data: LE32(N) ‖ LE32(PN) ‖ 33-byte ratchet key = 41 bytes. */
export const RATCHET_HEADER_LENGTH = 8 + COMPRESSED_PUBLIC_KEY_LENGTH;

export interface RatchetLimits {
  /** Most message keys one message may make the receiver derive and keep (MaxSkip). */
  readonly maxSkip: number;
  /** Keys older than the last maxKeep derived keys are dropped (MaxKeep). */
  readonly maxKeep: number;
  /** At most this many skipped keys are kept per session, newest first (MaxMessageKeysPerSession). */
  readonly maxMessageKeysPerSession: number;
}

/** status-go's defaultEncryptorConfig. */
export const STATUS_RATCHET_LIMITS: RatchetLimits = {
  maxSkip: 1000,
  maxKeep: 3000,
  maxMessageKeysPerSession: 2000,
};

export interface RatchetKeyPair {
  readonly privateKey: Uint8Array;
  /** 33-byte compressed, as it travels in DRHeader.key. */
  readonly publicKey: Uint8Array;
}

export interface RatchetHeader {
  /** Sender's current ratchet key, 33 bytes compressed. */
  readonly dh: Uint8Array;
  /** Message number in the sending chain. */
  readonly n: number;
  /** Length of the sender's previous sending chain. */
  readonly pn: number;
}

export interface SkippedMessageKey {
  readonly ratchetKey: Uint8Array;
  readonly n: number;
  readonly messageKey: Uint8Array;
  /** Order in which the key was derived (status-go's seq_num), for MaxKeep and truncation. */
  readonly seq: number;
}

/** Everything a session must persist. Plain data: byte arrays and integers. */
export interface RatchetState {
  readonly rootKey: Uint8Array;
  readonly sendChainKey: Uint8Array;
  readonly sendN: number;
  readonly recvChainKey: Uint8Array;
  readonly recvN: number;
  readonly pn: number;
  readonly ourRatchetKey: RatchetKeyPair;
  /** Null for a responder that has not received yet. */
  readonly theirRatchetKey: Uint8Array | null;
  /** Count of derived receiving keys (status-go KeysCount): the next skipped key's seq. */
  readonly keysCount: number;
  readonly skippedKeys: readonly SkippedMessageKey[];
}

export interface RatchetOptions {
  readonly limits?: RatchetLimits;
  /** Source of new ratchet private keys; random by default (fixed only to reproduce a vector). */
  readonly generateRatchetKey?: () => Uint8Array;
}

const keyPairOf = (privateKey: Uint8Array): RatchetKeyPair => ({
  privateKey,
  publicKey: publicKeyFromPrivateKey(privateKey, { compressed: true }),
});

/** x(ours · theirs); both keys are validated before they enter a state, so a failure is a bug. */
const dh = (ours: RatchetKeyPair, theirs: Uint8Array): Uint8Array => {
  const shared = ecdhSharedX(ours.privateKey, theirs);
  if (!shared.ok) throw shared.error;
  return shared.value;
};

/** LE32(N) ‖ LE32(PN) ‖ DH. SG doubleratchet message.go MessageHeader.Encode. */
export const encodeRatchetHeader = (header: RatchetHeader): Uint8Array => {
  const out = new Uint8Array(8 + header.dh.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, header.n, true);
  view.setUint32(4, header.pn, true);
  out.set(header.dh, 8);
  return out;
};

const isUint32 = (value: number): boolean => Number.isInteger(value) && value >= 0 && value <= 0xffffffff;

/** A header from the wire: a 33-byte curve point and two uint32 counters, else MALFORMED_PAYLOAD. */
export const checkRatchetHeader = (header: RatchetHeader): Result<RatchetHeader> => {
  if (header.dh.length !== COMPRESSED_PUBLIC_KEY_LENGTH || !isValidPublicKey(header.dh))
    return fail(ErrorCode.MALFORMED_PAYLOAD, 'ratchet key must be a 33-byte compressed secp256k1 key', {
      length: header.dh.length,
    });
  return checkRatchetCounters(header);
};

const checkRatchetCounters = (header: RatchetHeader): Result<RatchetHeader> => {
  if (!isUint32(header.n) || !isUint32(header.pn))
    return fail(ErrorCode.MALFORMED_PAYLOAD, 'ratchet counters must be uint32', {
      n: header.n,
      pn: header.pn,
    });
  return ok(header);
};

const baseState = (sharedKey: Uint8Array, ourRatchetKey: RatchetKeyPair): RatchetState => ({
  rootKey: sharedKey,
  sendChainKey: sharedKey,
  sendN: 0,
  recvChainKey: sharedKey,
  recvN: 0,
  pn: 0,
  ourRatchetKey,
  theirRatchetKey: null,
  keysCount: 0,
  skippedKeys: [],
});

const checkSharedKey = (sharedKey: Uint8Array): Result<Uint8Array> =>
  sharedKey.length === 32
    ? ok(sharedKey)
    : fail(ErrorCode.INVALID_KEY, 'shared key must be 32 bytes', { length: sharedKey.length });

/**
 * The X3DH initiator's session (doubleratchet NewWithRemoteKey): a fresh ratchet key, the peer's signed
 * pre-key as their ratchet key, and the sending chain from KdfRK(SK, DH). The receiving chain stays SK.
 */
export const initiatorRatchetState = (
  sharedKey: Uint8Array,
  theirSignedPreKey: Uint8Array,
  ourRatchetPrivateKey: Uint8Array = generatePrivateKey(),
): Result<RatchetState> => {
  const sk = checkSharedKey(sharedKey);
  if (!sk.ok) return sk;
  if (theirSignedPreKey.length !== COMPRESSED_PUBLIC_KEY_LENGTH || !isValidPublicKey(theirSignedPreKey))
    return fail(ErrorCode.INVALID_KEY, 'signed pre-key must be a 33-byte compressed secp256k1 key');
  if (!isValidPrivateKey(ourRatchetPrivateKey))
    return fail(ErrorCode.INVALID_KEY, 'not a valid secp256k1 private key');
  const ours = keyPairOf(ourRatchetPrivateKey);
  const root = kdfRootKey(sharedKey, dh(ours, theirSignedPreKey));
  return ok({
    ...baseState(sharedKey, ours),
    rootKey: root.rootKey,
    sendChainKey: root.chainKey,
    theirRatchetKey: theirSignedPreKey,
  });
};

/**
 * The X3DH responder's session (doubleratchet New): our signed pre-key is the ratchet key, every chain
 * starts at SK, so the responder can also send first.
 */
export const responderRatchetState = (
  sharedKey: Uint8Array,
  ourSignedPreKeyPrivateKey: Uint8Array,
): Result<RatchetState> => {
  const sk = checkSharedKey(sharedKey);
  if (!sk.ok) return sk;
  if (!isValidPrivateKey(ourSignedPreKeyPrivateKey))
    return fail(ErrorCode.INVALID_KEY, 'not a valid secp256k1 private key');
  return ok(baseState(sharedKey, keyPairOf(ourSignedPreKeyPrivateKey)));
};

export interface RatchetEncrypted {
  readonly state: RatchetState;
  readonly header: RatchetHeader;
  /** `iv ‖ ct ‖ mac`, the EncryptedMessageProtocol payload. */
  readonly ciphertext: Uint8Array;
}

/** One symmetric step of the sending chain; the header is the 41-byte associated data. */
export const ratchetEncrypt = (state: RatchetState, plaintext: Uint8Array): RatchetEncrypted => {
  const header: RatchetHeader = { dh: state.ourRatchetKey.publicKey, n: state.sendN, pn: state.pn };
  const step = kdfChainKey(state.sendChainKey);
  return {
    state: { ...state, sendChainKey: step.chainKey, sendN: state.sendN + 1 },
    header,
    ciphertext: ratchetSeal(step.messageKey, plaintext, encodeRatchetHeader(header)),
  };
};

export interface RatchetDecrypted {
  readonly state: RatchetState;
  readonly plaintext: Uint8Array;
}

interface Receiving {
  recvChainKey: Uint8Array;
  recvN: number;
  keysCount: number;
  skipped: SkippedMessageKey[];
}

/** Derives and keeps the keys of the current receiving chain up to `until` (doubleratchet skipMessageKeys). */
const skipTo = (
  chain: Receiving,
  ratchetKey: Uint8Array | null,
  until: number,
  maxSkip: number,
): Result<void> => {
  if (until < chain.recvN)
    return fail(ErrorCode.REPLAYED_MESSAGE, 'message key already used or dropped', {
      n: until,
      next: chain.recvN,
    });
  if (chain.recvN + maxSkip < until)
    return fail(ErrorCode.RATCHET_SKIP_LIMIT, `message would skip more than ${maxSkip} keys`, {
      n: until,
      next: chain.recvN,
    });
  while (chain.recvN < until) {
    const step = kdfChainKey(chain.recvChainKey);
    // A responder that never received has no chain to skip on; the Go library derives and stores keys
    // under an empty ratchet key there, which no header can name, so they are not kept.
    if (ratchetKey)
      chain.skipped.push({ ratchetKey, n: chain.recvN, messageKey: step.messageKey, seq: chain.keysCount });
    chain.recvChainKey = step.chainKey;
    chain.recvN += 1;
    chain.keysCount += 1;
  }
  return ok(undefined);
};

/** MaxMessageKeysPerSession (newest by seq) then MaxKeep (seq > keysCount − maxKeep). SG applyChanges. */
const pruneSkipped = (
  skipped: readonly SkippedMessageKey[],
  keysCount: number,
  limits: RatchetLimits,
): SkippedMessageKey[] => {
  const newestFirst = [...skipped].sort((a, b) => b.seq - a.seq).slice(0, limits.maxMessageKeysPerSession);
  const kept =
    keysCount >= limits.maxKeep ? newestFirst.filter((k) => k.seq > keysCount - limits.maxKeep) : newestFirst;
  return kept.sort((a, b) => a.seq - b.seq);
};

/**
 * Decrypts one message and returns the next state (SG doubleratchet session.go RatchetDecrypt):
 * a skipped key when (DH, N) has one, else a DH ratchet step when DH is new, keys skipped up to N, and a
 * symmetric step. Unlike status-go, the key just used is not kept for re-decryption: the caller commits
 * the new state together with the message, so the same envelope never needs decrypting twice, and a
 * replay is refused (REPLAYED_MESSAGE) instead of decrypting again.
 * Failures leave nothing changed: MALFORMED_PAYLOAD (header or ciphertext shape), DECRYPTION_FAILED
 * (MAC), REPLAYED_MESSAGE, RATCHET_SKIP_LIMIT (more than maxSkip keys to derive).
 */
export const ratchetDecrypt = (
  state: RatchetState,
  header: RatchetHeader,
  ciphertext: Uint8Array,
  { limits = STATUS_RATCHET_LIMITS, generateRatchetKey = generatePrivateKey }: RatchetOptions = {},
): Result<RatchetDecrypted> => {
  // The peer's current ratchet key was checked when it arrived; decompressing it again costs more than
  // the whole symmetric step.
  const known = state.theirRatchetKey !== null && equalBytes(header.dh, state.theirRatchetKey);
  const checked = known ? checkRatchetCounters(header) : checkRatchetHeader(header);
  if (!checked.ok) return checked;
  const ad = encodeRatchetHeader(header);

  const skippedIndex = state.skippedKeys.findIndex(
    (k) => k.n === header.n && equalBytes(k.ratchetKey, header.dh),
  );
  if (skippedIndex >= 0) {
    const plaintext = ratchetOpen(state.skippedKeys[skippedIndex]!.messageKey, ciphertext, ad);
    if (!plaintext.ok) return plaintext;
    return ok({
      state: { ...state, skippedKeys: state.skippedKeys.filter((_, i) => i !== skippedIndex) },
      plaintext: plaintext.value,
    });
  }

  const chain: Receiving = {
    recvChainKey: state.recvChainKey,
    recvN: state.recvN,
    keysCount: state.keysCount,
    skipped: [...state.skippedKeys],
  };
  let next: RatchetState = state;
  if (!state.theirRatchetKey || !equalBytes(header.dh, state.theirRatchetKey)) {
    const skipped = skipTo(chain, state.theirRatchetKey, header.pn, limits.maxSkip);
    if (!skipped.ok) return skipped;
    // DH ratchet step (doubleratchet state.go dhRatchet).
    const received = kdfRootKey(state.rootKey, dh(state.ourRatchetKey, header.dh));
    const ourRatchetKey = keyPairOf(generateRatchetKey());
    const sending = kdfRootKey(received.rootKey, dh(ourRatchetKey, header.dh));
    chain.recvChainKey = received.chainKey;
    chain.recvN = 0;
    next = {
      ...state,
      pn: state.sendN,
      theirRatchetKey: header.dh,
      ourRatchetKey,
      rootKey: sending.rootKey,
      sendChainKey: sending.chainKey,
      sendN: 0,
    };
  }
  const skipped = skipTo(chain, header.dh, header.n, limits.maxSkip);
  if (!skipped.ok) return skipped;
  const step = kdfChainKey(chain.recvChainKey);
  const plaintext = ratchetOpen(step.messageKey, ciphertext, ad);
  if (!plaintext.ok) return plaintext;
  const keysCount = chain.keysCount + 1;
  return ok({
    state: {
      ...next,
      recvChainKey: step.chainKey,
      recvN: chain.recvN + 1,
      keysCount,
      skippedKeys: pruneSkipped(chain.skipped, keysCount, limits),
    },
    plaintext: plaintext.value,
  });
};
