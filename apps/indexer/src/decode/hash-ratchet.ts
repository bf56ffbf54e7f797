// Hash-ratchet messages of the encrypted communities hosted here (issue #13), opened with the group keys the
// publisher keeps sealed under GROUP_KEYS_MASTER_KEY — a read capability, never a signing key. A key not
// loaded yet is looked for again in the database (at most once a second per community); a key that is not
// there at all leaves the message encrypted with `keyMissing`, so it is held and judged again once the
// community's clock moves (every rotation publishes a new description). Garbage is a typed failure.
import {
  advanceMessageKey,
  bytesToHex,
  checkHashRatchetSeqNo,
  decryptGcmNonceLast,
  messageKey,
  type HashRatchetKey,
} from '@status-communities/crypto';
import { ErrorCode } from '@status-communities/errors';
import type { GroupKeyStore } from '@status-communities/keyring';
import type { HashRatchetKeyLookup } from '@status-communities/protocol';
import {
  decodeInnerMessage,
  findHashRatchetKey,
  indexHashRatchetKeys,
  unwrapApplicationMessage,
} from '@status-communities/protocol';
import type { Decoded } from './decode.js';

const MIN_RELOAD_MS = 1_000;
/** Keys whose last message key is kept; past it the cache starts over (a key is cheap to hash again). */
const MAX_CACHED_CHAINS = 10_000;

/** Where a community's group keys come from (GroupKeyCache; anything else in benches). */
export interface GroupKeySource {
  lookup(communityId: string, reload?: boolean): Promise<HashRatchetKeyLookup>;
  /** Reads the community's keys now, unthrottled: its description changed, and a rekey may come with it. */
  fresh(communityId: string): Promise<HashRatchetKeyLookup>;
  /** Records the highest seq_no members used under each key (what our own next message continues above). */
  raiseLastSeqNos?(seen: readonly SeenSeqNo[]): Promise<void>;
}

/** The highest seq_no a member's message used under a key. */
export interface SeenSeqNo {
  readonly key: HashRatchetKey;
  readonly seqNo: number;
}

/**
 * The message key k_n = keccak256ⁿ(key) from the highest one computed for that key, as status-go keeps
 * hash_n per key: messages arrive in rising seq_no, so each costs one hash instead of n.
 */
export class MessageKeyChains {
  private readonly chains = new Map<string, { seqNo: number; hash: Uint8Array }>();
  /** The highest seq_no of a message that opened and was signed, per key, since the last takeSeen. */
  private seen = new Map<string, SeenSeqNo>();

  noteSeen(key: HashRatchetKey, seqNo: number): void {
    const id = bytesToHex(key.key);
    if ((this.seen.get(id)?.seqNo ?? -1) < seqNo) this.seen.set(id, { key, seqNo });
  }

  takeSeen(): SeenSeqNo[] {
    const seen = [...this.seen.values()];
    this.seen = new Map();
    return seen;
  }

  messageKey(key: HashRatchetKey, seqNo: number): Uint8Array {
    // The chain depends on the key bytes alone: named by them, not by the key id (a keccak per message).
    const id = bytesToHex(key.key);
    const chain = this.chains.get(id);
    const hash =
      chain && chain.seqNo === seqNo
        ? chain.hash
        : chain && chain.seqNo < seqNo
          ? advanceMessageKey(chain.hash, chain.seqNo, seqNo)
          : messageKey(key.key, seqNo);
    if (!chain || chain.seqNo < seqNo) {
      if (this.chains.size >= MAX_CACHED_CHAINS) this.chains.clear();
      this.chains.set(id, { seqNo, hash });
    }
    return hash;
  }
}

/** Group keys per hosted community, loaded on first use and again when a message names one not loaded. */
export class GroupKeyCache implements GroupKeySource {
  private readonly loaded = new Map<string, { lookup: HashRatchetKeyLookup; atMs: number }>();

  constructor(
    private readonly store: GroupKeyStore,
    private readonly now: () => number = Date.now,
  ) {}

  async lookup(communityId: string, reload = false): Promise<HashRatchetKeyLookup> {
    const cached = this.loaded.get(communityId);
    if (cached && !(reload && this.now() - cached.atMs >= MIN_RELOAD_MS)) return cached.lookup;
    return this.fresh(communityId);
  }

  raiseLastSeqNos(seen: readonly SeenSeqNo[]): Promise<void> {
    return this.store.raiseLastSeqNos(seen);
  }

  async fresh(communityId: string): Promise<HashRatchetKeyLookup> {
    const keys = await this.store.ofCommunity(communityId);
    // A key that does not open is a broken row or a wrong master key: say so, do not index around it.
    if (!keys.ok) throw keys.error;
    const lookup = indexHashRatchetKeys(keys.value.map((stored) => stored.key));
    this.loaded.set(communityId, { lookup, atMs: this.now() });
    return lookup;
  }
}

/**
 * A hash-ratchet message of a hosted community, decrypted and decoded like an open one; anything else
 * comes back as it was. The AMM inside must be signed (its signer is the author).
 */
/** What opens hash-ratchet messages: the keys, and the message-key chains computed so far. */
export interface HashRatchetOpening {
  readonly keys: GroupKeySource;
  readonly chains: MessageKeyChains;
}

export const openHashRatchet = async (
  decoded: Decoded,
  opening: HashRatchetOpening | undefined,
): Promise<Decoded> => {
  if (!opening || decoded.kind !== 'encrypted' || decoded.encryption.kind !== 'hash-ratchet') return decoded;
  const { route, encryption } = decoded;
  const { keys, chains } = opening;
  let found = findHashRatchetKey(encryption, await keys.lookup(route.communityId));
  if (!found.ok) {
    found = findHashRatchetKey(encryption, await keys.lookup(route.communityId, true));
    if (!found.ok) return { ...decoded, keyMissing: true };
  }
  const key = found.value;
  const seqNo = checkHashRatchetSeqNo(encryption.seqNo);
  if (!seqNo.ok) return { kind: 'failed', code: seqNo.error.code };
  const plaintext = decryptGcmNonceLast(encryption.ciphertext, chains.messageKey(key, seqNo.value));
  if (!plaintext.ok) return { kind: 'failed', code: plaintext.error.code };
  const amm = unwrapApplicationMessage(plaintext.value);
  if (!amm.ok) return { kind: 'failed', code: amm.error.code };
  const { type, signer, messageId, payload } = amm.value;
  if (!signer) return { kind: 'failed', code: ErrorCode.INVALID_SIGNATURE };
  // Opened and signed by someone holding the key: a forged frame cannot push our seq_no up.
  chains.noteSeen(key, seqNo.value);
  const inner = decodeInnerMessage(type, payload);
  if (!inner.ok) return { kind: 'failed', code: inner.error.code };
  return {
    kind: 'message',
    route,
    message: { ...inner.value, signer, messageId, applicationMessage: plaintext.value },
  };
};
