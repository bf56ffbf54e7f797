// Hash-ratchet messages of the encrypted communities hosted here (issue #13), opened with the group keys the
// publisher keeps sealed under GROUP_KEYS_MASTER_KEY — a read capability, never a signing key. A key not
// loaded yet is looked for again in the database (at most once a second per community); a key that is not
// there at all leaves the message encrypted with `keyMissing`, so it is held and judged again once the
// community's clock moves (every rotation publishes a new description). Garbage is a typed failure.
import { ErrorCode } from '@status-communities/errors';
import type { GroupKeyStore } from '@status-communities/keyring';
import type { HashRatchetKeyLookup } from '@status-communities/protocol';
import {
  decodeInnerMessage,
  decryptHashRatchetLayer,
  findHashRatchetKey,
  indexHashRatchetKeys,
  unwrapApplicationMessage,
} from '@status-communities/protocol';
import type { Decoded } from './decode.js';

const MIN_RELOAD_MS = 1_000;

/** Group keys per hosted community, loaded on first use and again when a message names one not loaded. */
export class GroupKeyCache {
  private readonly loaded = new Map<string, { lookup: HashRatchetKeyLookup; atMs: number }>();

  constructor(
    private readonly store: GroupKeyStore,
    private readonly now: () => number = Date.now,
  ) {}

  async lookup(communityId: string, reload = false): Promise<HashRatchetKeyLookup> {
    const cached = this.loaded.get(communityId);
    if (cached && !(reload && this.now() - cached.atMs >= MIN_RELOAD_MS)) return cached.lookup;
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
export const openHashRatchet = async (
  decoded: Decoded,
  keys: GroupKeyCache | undefined,
): Promise<Decoded> => {
  if (!keys || decoded.kind !== 'encrypted' || decoded.encryption.kind !== 'hash-ratchet') return decoded;
  const { route, encryption } = decoded;
  let lookup = await keys.lookup(route.communityId);
  if (!findHashRatchetKey(encryption, lookup).ok) {
    lookup = await keys.lookup(route.communityId, true);
    if (!findHashRatchetKey(encryption, lookup).ok) return { ...decoded, keyMissing: true };
  }
  const plaintext = decryptHashRatchetLayer(encryption, lookup);
  if (!plaintext.ok) return { kind: 'failed', code: plaintext.error.code };
  const amm = unwrapApplicationMessage(plaintext.value);
  if (!amm.ok) return { kind: 'failed', code: amm.error.code };
  const { type, signer, messageId, payload } = amm.value;
  if (!signer) return { kind: 'failed', code: ErrorCode.INVALID_SIGNATURE };
  const inner = decodeInnerMessage(type, payload);
  if (!inner.ok) return { kind: 'failed', code: inner.error.code };
  return {
    kind: 'message',
    route,
    message: { ...inner.value, signer, messageId, applicationMessage: plaintext.value },
  };
};
