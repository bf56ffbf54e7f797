// The hash-ratchet group keys a member of an encrypted community holds (issue #13), as the Status app keeps
// them: every key ever received (old messages stay readable), the current key of a group = the newest
// timestamp, and per key the highest seq_no seen or sent, which the next message continues from.
// SG protocol/encryption/protocol.go HandleHashRatchetKeys, encryptor.go EncryptWithHR (GetCurrentKeyForGroup).
import { bytesToHex, equalBytes, keyIdOf, type HashRatchetKey } from '@status-communities/crypto';
import type { HashRatchetKeyLookup } from '@status-communities/protocol';
import { indexHashRatchetKeys } from '@status-communities/protocol';

export class MemberGroupKeys {
  private readonly byId = new Map<string, HashRatchetKey>();
  private readonly highestSeqNo = new Map<string, number>();

  /** Keeps the keys; returns how many were new. */
  add(keys: readonly HashRatchetKey[]): number {
    let added = 0;
    for (const key of keys) {
      const id = bytesToHex(keyIdOf(key));
      if (this.byId.has(id)) continue;
      this.byId.set(id, key);
      added += 1;
    }
    return added;
  }

  get all(): HashRatchetKey[] {
    return [...this.byId.values()];
  }

  lookup(): HashRatchetKeyLookup {
    return indexHashRatchetKeys(this.byId.values());
  }

  /** The group's newest key, or undefined when none of it is held. */
  current(groupId: Uint8Array): HashRatchetKey | undefined {
    let newest: HashRatchetKey | undefined;
    for (const key of this.byId.values())
      if (equalBytes(key.groupId, groupId) && (!newest || key.timestampMs > newest.timestampMs)) newest = key;
    return newest;
  }

  /** A message under `key` at `seqNo` was read or sent. */
  seen(key: HashRatchetKey, seqNo: number): void {
    const id = bytesToHex(keyIdOf(key));
    if (seqNo > (this.highestSeqNo.get(id) ?? 0)) this.highestSeqNo.set(id, seqNo);
  }

  /** The seq_no of our next message under `key`, taken. */
  nextSeqNo(key: HashRatchetKey): number {
    const next = (this.highestSeqNo.get(bytesToHex(keyIdOf(key))) ?? 0) + 1;
    this.seen(key, next);
    return next;
  }
}
