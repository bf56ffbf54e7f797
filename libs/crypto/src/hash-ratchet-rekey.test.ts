import { describe, expect, it } from '@jest/globals';
import { bytesToHex } from './bytes.js';
import { REKEY_ENTRY_LENGTH, openRekeyGroupKey, sealRekeyGroupKeys } from './hash-ratchet-rekey.js';
import { hashRatchetMemberMapKey } from './hash-ratchet.js';
import { ecdhSharedX, publicKeyFromPrivateKey } from './keys.js';
import { hex } from './testing/vectors.js';

// encrypted-communities.md §7: status-go's TestHashRatchetRekey keys and the COMPUTED rekey vector.
const statusGoKey1 = hex('e8395a5d2289d14d47f5f5c506001a2b4f039d96ebf576a6a39e5f23c7a9c618');
const statusGoKey2 = hex('e8395a5d5b3c4081c0e1f63c5d588c6f2c4ba7c6ec590f5f8e1a96b48f5e6e7e');
const memberPriv = new Uint8Array(32).fill(2);
const controlIdentityPriv = new Uint8Array(32).fill(3);
const groupKey = new Uint8Array(32).fill(4);
const nonce = hex('000102030405060708090a0b');
const member = publicKeyFromPrivateKey(memberPriv);
const control = publicKeyFromPrivateKey(controlIdentityPriv);

describe('RekeyGroup entries', () => {
  it("maps status-go's test keys to 0x6da634b9 and 0x72d6c574 (publicKeyMostRelevantBytes)", () => {
    const pub1 = publicKeyFromPrivateKey(statusGoKey1);
    const pub2 = publicKeyFromPrivateKey(statusGoKey2);
    expect(bytesToHex(pub1)).toBe(
      '04b934a66d6d1259c38805728deb52b49e54a595f2179c41ad945151055513743aacc0d1b1e227def1ed7a55c611fdea243c4d3de6739b2d4586bf4c288fb50c25',
    );
    expect(bytesToHex(pub2)).toBe(
      '0474c5d67224e65e69a71456b3fad336a279ab77635f3df61fb297b238d2d573c375dcfdc7446ea8fdae04580a05880abc35a41d2dd196446b9c0c9c6eab9c6794',
    );
    expect(hashRatchetMemberMapKey(pub1)).toBe(0x6da634b9);
    expect(hashRatchetMemberMapKey(pub2)).toBe(0x72d6c574);
  });

  it('concatenates colliding recipients: [k1, k1, k1, k2] gives 180 and 60 bytes (status-go TestHashRatchetRekey)', () => {
    const pub1 = publicKeyFromPrivateKey(statusGoKey1);
    const pub2 = publicKeyFromPrivateKey(statusGoKey2);
    const entries = sealRekeyGroupKeys(controlIdentityPriv, [pub1, pub1, pub1, pub2], groupKey);
    expect(entries.get(0x6da634b9)).toHaveLength(180);
    expect(entries.get(0x72d6c574)).toHaveLength(60);
    expect(REKEY_ENTRY_LENGTH).toBe(60);
    const opened = openRekeyGroupKey(statusGoKey1, control, entries);
    expect(opened.ok && opened.value).toEqual(groupKey);
  });

  it('seals the COMPUTED vector: ECDH x, map key 0xd16c4b4d, nonce ‖ ct ‖ tag', () => {
    const shared = ecdhSharedX(controlIdentityPriv, member);
    expect(shared.ok && bytesToHex(shared.value)).toBe(
      'aca78f27d5f23b2e7254a0bb8df128e7c0f922d47ccac72814501e07b7291886',
    );
    const entries = sealRekeyGroupKeys(controlIdentityPriv, [member], groupKey, () => nonce);
    expect([...entries.keys()]).toEqual([0xd16c4b4d]);
    expect(bytesToHex(entries.get(0xd16c4b4d) ?? new Uint8Array())).toBe(
      '000102030405060708090a0b78c7cbc08e975f314b5e5869d60d5cbc2bb2a7998128427ba35679514071161c68911e8a701a8f407d4a103c496de4a4',
    );
  });

  it('opens our entry with ECDH(our key, the sender), from a map or a decoded proto record', () => {
    const entries = sealRekeyGroupKeys(
      controlIdentityPriv,
      [member, publicKeyFromPrivateKey(statusGoKey2)],
      groupKey,
    );
    const fromMap = openRekeyGroupKey(memberPriv, control, entries);
    expect(fromMap.ok && fromMap.value).toEqual(groupKey);
    const fromRecord = openRekeyGroupKey(memberPriv, control, Object.fromEntries(entries));
    expect(fromRecord.ok && fromRecord.value).toEqual(groupKey);
  });

  it('refuses: no entry for us, a truncated entry, a flipped tag, a blob sealed by someone else', () => {
    const entries = sealRekeyGroupKeys(controlIdentityPriv, [member], groupKey);
    const notOurs = openRekeyGroupKey(statusGoKey1, control, entries);
    expect(!notOurs.ok && notOurs.error.code).toBe('HASH_RATCHET_KEY_NOT_FOUND');

    const entry = entries.get(0xd16c4b4d) ?? new Uint8Array();
    const truncated = openRekeyGroupKey(memberPriv, control, new Map([[0xd16c4b4d, entry.subarray(0, 59)]]));
    expect(!truncated.ok && truncated.error.code).toBe('MALFORMED_PAYLOAD');

    const tampered = entry.slice();
    tampered[59] = (tampered[59] ?? 0) ^ 1;
    const wrongTag = openRekeyGroupKey(memberPriv, control, new Map([[0xd16c4b4d, tampered]]));
    expect(!wrongTag.ok && wrongTag.error.code).toBe('DECRYPTION_FAILED');

    const forged = sealRekeyGroupKeys(statusGoKey2, [member], new Uint8Array(32).fill(9));
    const wrongSender = openRekeyGroupKey(memberPriv, control, forged);
    expect(!wrongSender.ok && wrongSender.error.code).toBe('DECRYPTION_FAILED');
  });
});
