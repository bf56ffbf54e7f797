import { describe, expect, it } from '@jest/globals';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { utf8ToBytes } from './bytes.js';
import { decodeRatchetState, encodeRatchetState } from './double-ratchet-state-codec.js';
import {
  initiatorRatchetState,
  ratchetDecrypt,
  ratchetEncrypt,
  responderRatchetState,
} from './double-ratchet.js';
import type { RatchetEncrypted } from './double-ratchet.js';
import { generatePrivateKey, publicKeyFromPrivateKey } from './keys.js';

const codeOf = (result: { ok: boolean; error?: { code: string } }): string | undefined =>
  result.ok ? undefined : result.error?.code;

describe('ratchet state codec', () => {
  it('a stored and reloaded state keeps decrypting where it left off, skipped keys included', () => {
    const sk = generatePrivateKey();
    const spk = generatePrivateKey();
    let alice = unwrap(initiatorRatchetState(sk, publicKeyFromPrivateKey(spk, { compressed: true })));
    let bob = unwrap(responderRatchetState(sk, spk));
    const fresh = decodeRatchetState(encodeRatchetState(bob));
    expect(unwrap(fresh)).toEqual(bob);

    const sent: RatchetEncrypted[] = [];
    for (let i = 0; i < 4; i++) {
      const s = ratchetEncrypt(alice, utf8ToBytes(`m${i}`));
      alice = s.state;
      sent.push(s);
    }
    bob = unwrap(ratchetDecrypt(bob, sent[3]!.header, sent[3]!.ciphertext)).state;
    const reloaded = unwrap(decodeRatchetState(encodeRatchetState(bob)));
    expect(reloaded).toEqual(bob);
    expect(reloaded.skippedKeys).toHaveLength(3);
    const late = unwrap(ratchetDecrypt(reloaded, sent[1]!.header, sent[1]!.ciphertext));
    expect(new TextDecoder().decode(late.plaintext)).toBe('m1');
  });

  it('anything else is MALFORMED_PAYLOAD', () => {
    const sk = generatePrivateKey();
    const good = JSON.parse(
      new TextDecoder().decode(encodeRatchetState(unwrap(responderRatchetState(sk, generatePrivateKey())))),
    ) as Record<string, unknown>;
    const variants: unknown[] = [
      { ...good, v: 2 },
      { ...good, rootKey: 'zz' },
      { ...good, sendN: -1 },
      { ...good, recvN: 1.5 },
      { ...good, ourRatchetPrivateKey: '00'.repeat(32) },
      { ...good, theirRatchetKey: '02' + '00'.repeat(32) },
      { ...good, skippedKeys: [{ ratchetKey: 'x', n: 0, messageKey: '', seq: 0 }] },
      { ...good, skippedKeys: 'none' },
      [],
    ];
    for (const variant of variants)
      expect(codeOf(decodeRatchetState(utf8ToBytes(JSON.stringify(variant))))).toBe(
        ErrorCode.MALFORMED_PAYLOAD,
      );
    expect(codeOf(decodeRatchetState(Uint8Array.of(0xff, 0xfe)))).toBe(ErrorCode.MALFORMED_PAYLOAD);
    expect(codeOf(decodeRatchetState(utf8ToBytes('{')))).toBe(ErrorCode.MALFORMED_PAYLOAD);
  });
});
