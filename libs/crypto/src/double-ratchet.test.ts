import { describe, expect, it } from '@jest/globals';
import { ErrorCode, unwrap } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { bytesToHex, utf8ToBytes } from './bytes.js';
import {
  RATCHET_CIPHERTEXT_OVERHEAD,
  deriveMessageEncryptionKeys,
  kdfChainKey,
  kdfRootKey,
  ratchetOpen,
} from './double-ratchet-crypto.js';
import {
  RATCHET_HEADER_LENGTH,
  STATUS_RATCHET_LIMITS,
  encodeRatchetHeader,
  initiatorRatchetState,
  ratchetDecrypt,
  ratchetEncrypt,
  responderRatchetState,
} from './double-ratchet.js';
import type { RatchetEncrypted, RatchetLimits, RatchetState } from './double-ratchet.js';
import { ecdhSharedX, generatePrivateKey, publicKeyFromPrivateKey } from './keys.js';
import { oneToOneVectors as v } from './testing/one-to-one-vectors.js';
import { hex } from './testing/vectors.js';

const codeOf = (result: Result<unknown>): string | undefined => (result.ok ? undefined : result.error.code);
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

const bobSpk = (): Uint8Array => publicKeyFromPrivateKey(v.bobSignedPreKey, { compressed: true });

/** Alice (initiator, ratchet key "4"*32) and Bob (responder on his signed pre-key) from the vector SK. */
const vectorPair = (): { alice: RatchetState; bob: RatchetState } => ({
  alice: unwrap(initiatorRatchetState(hex(v.sharedKey), bobSpk(), v.aliceRatchet)),
  bob: unwrap(responderRatchetState(hex(v.sharedKey), v.bobSignedPreKey)),
});

/** A pair on a random SK, as after a random X3DH. */
const randomPair = (): { alice: RatchetState; bob: RatchetState } => {
  const sk = generatePrivateKey();
  const spk = generatePrivateKey();
  return {
    alice: unwrap(initiatorRatchetState(sk, publicKeyFromPrivateKey(spk, { compressed: true }))),
    bob: unwrap(responderRatchetState(sk, spk)),
  };
};

describe('EthereumCrypto KDFs and cipher (reference §4.2 vectors)', () => {
  const r = v.ratchet;

  it('KdfRK(SK, x(ratchet·SPK)) gives the root, sending chain and header keys', () => {
    const shared = unwrap(ecdhSharedX(v.aliceRatchet, bobSpk()));
    expect(bytesToHex(shared)).toBe(r.dhWithSignedPreKey);
    const out = kdfRootKey(hex(v.sharedKey), shared);
    expect(bytesToHex(out.rootKey)).toBe(r.rootKey);
    expect(bytesToHex(out.chainKey)).toBe(r.sendChainKey);
    expect(bytesToHex(out.headerKey)).toBe(r.headerKey);
  });

  it('KdfCK gives the next chain key and the message keys of N=0 and N=1', () => {
    const first = kdfChainKey(hex(r.sendChainKey));
    expect(bytesToHex(first.chainKey)).toBe(r.nextChainKey);
    expect(bytesToHex(first.messageKey)).toBe(r.messageKey0);
    expect(bytesToHex(kdfChainKey(first.chainKey).messageKey)).toBe(r.messageKey1);
  });

  it('derives encKey, authKey and IV from a message key', () => {
    const keys = deriveMessageEncryptionKeys(hex(r.messageKey0));
    expect(bytesToHex(keys.encKey)).toBe(r.encKey);
    expect(bytesToHex(keys.authKey)).toBe(r.authKey);
    expect(bytesToHex(keys.iv)).toBe(r.iv);
  });

  it('first message Alice→Bob: header, 41-byte AD and payload of "hello" are the vector bytes', () => {
    const { alice } = vectorPair();
    expect(bytesToHex(alice.ourRatchetKey.publicKey)).toBe(r.publicKeyCompressed);
    const sent = ratchetEncrypt(alice, utf8ToBytes('hello'));
    expect(sent.header).toEqual({ dh: hex(r.publicKeyCompressed), n: 0, pn: 0 });
    const ad = encodeRatchetHeader(sent.header);
    expect(ad.length).toBe(RATCHET_HEADER_LENGTH);
    expect(bytesToHex(ad)).toBe(r.associatedData);
    expect(bytesToHex(sent.ciphertext)).toBe(r.helloPayload);
  });

  it('Bob decrypts the vector payload as responder', () => {
    const { bob } = vectorPair();
    const out = unwrap(
      ratchetDecrypt(bob, { dh: hex(r.publicKeyCompressed), n: 0, pn: 0 }, hex(r.helloPayload)),
    );
    expect(text(out.plaintext)).toBe('hello');
  });

  it('the MAC covers the AD: the same payload under N=1 is DECRYPTION_FAILED; short input is MALFORMED_PAYLOAD', () => {
    const otherAd = encodeRatchetHeader({ dh: hex(r.publicKeyCompressed), n: 1, pn: 0 });
    expect(codeOf(ratchetOpen(hex(r.messageKey0), hex(r.helloPayload), otherAd))).toBe(
      ErrorCode.DECRYPTION_FAILED,
    );
    expect(
      codeOf(ratchetOpen(hex(r.messageKey0), new Uint8Array(RATCHET_CIPHERTEXT_OVERHEAD - 1), otherAd)),
    ).toBe(ErrorCode.MALFORMED_PAYLOAD);
  });
});

describe('double ratchet sessions', () => {
  it('round trip in turns: every reply is a DH ratchet step with PN carried over', () => {
    let { alice, bob } = randomPair();
    for (let turn = 0; turn < 4; turn++) {
      for (let i = 0; i < 3; i++) {
        const sent = ratchetEncrypt(alice, utf8ToBytes(`a${turn}.${i}`));
        alice = sent.state;
        const got = unwrap(ratchetDecrypt(bob, sent.header, sent.ciphertext));
        bob = got.state;
        expect(text(got.plaintext)).toBe(`a${turn}.${i}`);
      }
      const reply = ratchetEncrypt(bob, utf8ToBytes(`b${turn}`));
      bob = reply.state;
      expect(reply.header.n).toBe(0);
      const got = unwrap(ratchetDecrypt(alice, reply.header, reply.ciphertext));
      alice = got.state;
      expect(text(got.plaintext)).toBe(`b${turn}`);
    }
    expect(alice.skippedKeys).toEqual([]);
    expect(bob.skippedKeys).toEqual([]);
  });

  it('the responder can send before it has received (all chains start at SK)', () => {
    let { alice, bob } = randomPair();
    const first = ratchetEncrypt(bob, utf8ToBytes('bot speaks first'));
    bob = first.state;
    const got = unwrap(ratchetDecrypt(alice, first.header, first.ciphertext));
    alice = got.state;
    expect(text(got.plaintext)).toBe('bot speaks first');
    const back = ratchetEncrypt(alice, utf8ToBytes('user answers'));
    expect(text(unwrap(ratchetDecrypt(bob, back.header, back.ciphertext)).plaintext)).toBe('user answers');
  });

  it('out of order within a chain: later first, then the skipped ones from their stored keys', () => {
    let { alice, bob } = randomPair();
    const sent: RatchetEncrypted[] = [];
    for (let i = 0; i < 5; i++) {
      const s = ratchetEncrypt(alice, utf8ToBytes(`m${i}`));
      alice = s.state;
      sent.push(s);
    }
    const received: string[] = [];
    for (const i of [4, 0, 3, 1, 2]) {
      const got = unwrap(ratchetDecrypt(bob, sent[i]!.header, sent[i]!.ciphertext));
      bob = got.state;
      received.push(text(got.plaintext));
    }
    expect(received).toEqual(['m4', 'm0', 'm3', 'm1', 'm2']);
    expect(bob.skippedKeys).toEqual([]);
  });

  it('messages of a previous chain that arrive after the next chain started (PN skip)', () => {
    let { alice, bob } = randomPair();
    const old: RatchetEncrypted[] = [];
    for (let i = 0; i < 3; i++) {
      const s = ratchetEncrypt(alice, utf8ToBytes(`old${i}`));
      alice = s.state;
      old.push(s);
    }
    // Bob got only old0, replies; Alice steps her ratchet and sends on a new chain.
    bob = unwrap(ratchetDecrypt(bob, old[0]!.header, old[0]!.ciphertext)).state;
    const reply = ratchetEncrypt(bob, utf8ToBytes('reply'));
    bob = reply.state;
    alice = unwrap(ratchetDecrypt(alice, reply.header, reply.ciphertext)).state;
    const fresh = ratchetEncrypt(alice, utf8ToBytes('new chain'));
    expect(fresh.header.pn).toBe(3);
    const got = unwrap(ratchetDecrypt(bob, fresh.header, fresh.ciphertext));
    bob = got.state;
    expect(text(got.plaintext)).toBe('new chain');
    expect(bob.skippedKeys.map((k) => k.n)).toEqual([1, 2]);
    for (const late of [old[2]!, old[1]!]) {
      const out = unwrap(ratchetDecrypt(bob, late.header, late.ciphertext));
      bob = out.state;
      expect(text(out.plaintext)).toMatch(/^old[12]$/);
    }
    expect(bob.skippedKeys).toEqual([]);
  });

  it('50 messages each way, shuffled, a tenth dropped, interleaved with replies', () => {
    let { alice, bob } = randomPair();
    const deliver = (
      from: RatchetState,
      to: RatchetState,
      prefix: string,
    ): { from: RatchetState; to: RatchetState; got: string[] } => {
      const sent: RatchetEncrypted[] = [];
      for (let i = 0; i < 50; i++) {
        const s = ratchetEncrypt(from, utf8ToBytes(`${prefix}${i}`));
        from = s.state;
        sent.push(s);
      }
      // Deterministic shuffle (reverse pairs, odd tail first) and drop every tenth.
      const order = sent.map((_, i) => i).filter((i) => i % 10 !== 7);
      order.sort((a, b) => (a % 3) - (b % 3) || b - a);
      const got: string[] = [];
      for (const i of order) {
        const out = unwrap(ratchetDecrypt(to, sent[i]!.header, sent[i]!.ciphertext));
        to = out.state;
        got.push(text(out.plaintext));
      }
      return { from, to, got };
    };
    for (let round = 0; round < 2; round++) {
      const ab = deliver(alice, bob, 'a');
      alice = ab.from;
      bob = ab.to;
      expect(new Set(ab.got).size).toBe(45);
      const ba = deliver(bob, alice, 'b');
      bob = ba.from;
      alice = ba.to;
      expect(new Set(ba.got).size).toBe(45);
    }
    // The dropped messages' keys stay until the limits drop them.
    expect(bob.skippedKeys.length).toBe(10);
  });

  it('a replay is REPLAYED_MESSAGE and the state it was tried on still works', () => {
    let { alice, bob } = randomPair();
    const m0 = ratchetEncrypt(alice, utf8ToBytes('once'));
    alice = m0.state;
    bob = unwrap(ratchetDecrypt(bob, m0.header, m0.ciphertext)).state;
    expect(codeOf(ratchetDecrypt(bob, m0.header, m0.ciphertext))).toBe(ErrorCode.REPLAYED_MESSAGE);
    const m1 = ratchetEncrypt(alice, utf8ToBytes('twice'));
    expect(text(unwrap(ratchetDecrypt(bob, m1.header, m1.ciphertext)).plaintext)).toBe('twice');
  });

  it('tampering and garbage headers are refused without touching the session', () => {
    const { alice, bob } = randomPair();
    const m = ratchetEncrypt(alice, utf8ToBytes('intact'));
    const flipped = m.ciphertext.slice();
    flipped[20] = flipped[20]! ^ 1;
    const snapshot = structuredClone(bob);
    expect(codeOf(ratchetDecrypt(bob, m.header, flipped))).toBe(ErrorCode.DECRYPTION_FAILED);
    expect(codeOf(ratchetDecrypt(bob, { ...m.header, n: 1 }, m.ciphertext))).toBe(
      ErrorCode.DECRYPTION_FAILED,
    );
    expect(codeOf(ratchetDecrypt(bob, { ...m.header, dh: new Uint8Array(33).fill(9) }, m.ciphertext))).toBe(
      ErrorCode.MALFORMED_PAYLOAD,
    );
    expect(codeOf(ratchetDecrypt(bob, { ...m.header, dh: m.header.dh.subarray(1) }, m.ciphertext))).toBe(
      ErrorCode.MALFORMED_PAYLOAD,
    );
    expect(codeOf(ratchetDecrypt(bob, { ...m.header, n: -1 }, m.ciphertext))).toBe(
      ErrorCode.MALFORMED_PAYLOAD,
    );
    expect(codeOf(ratchetDecrypt(bob, { ...m.header, pn: 2 ** 32 }, m.ciphertext))).toBe(
      ErrorCode.MALFORMED_PAYLOAD,
    );
    expect(codeOf(ratchetDecrypt(bob, m.header, m.ciphertext.subarray(0, 40)))).toBe(
      ErrorCode.MALFORMED_PAYLOAD,
    );
    // A forged new ratchet key with junk: the DH step is computed and thrown away.
    const forgedKey = publicKeyFromPrivateKey(generatePrivateKey(), { compressed: true });
    expect(codeOf(ratchetDecrypt(bob, { dh: forgedKey, n: 0, pn: 0 }, m.ciphertext))).toBe(
      ErrorCode.DECRYPTION_FAILED,
    );
    expect(bob).toEqual(snapshot);
    const after = unwrap(ratchetDecrypt(bob, m.header, m.ciphertext));
    expect(text(after.plaintext)).toBe('intact');
    // Counters are checked on the known ratchet key too.
    const next = ratchetEncrypt(ratchetEncrypt(alice, utf8ToBytes('x')).state, utf8ToBytes('y'));
    expect(codeOf(ratchetDecrypt(after.state, { ...next.header, pn: -1 }, next.ciphertext))).toBe(
      ErrorCode.MALFORMED_PAYLOAD,
    );
  });

  it('MaxSkip: N = maxSkip is decrypted, N = maxSkip + 1 is RATCHET_SKIP_LIMIT (also through PN)', () => {
    const limits: RatchetLimits = { maxSkip: 5, maxKeep: 100, maxMessageKeysPerSession: 100 };
    let { alice, bob } = randomPair();
    const sent: RatchetEncrypted[] = [];
    for (let i = 0; i < 7; i++) {
      const s = ratchetEncrypt(alice, utf8ToBytes(`m${i}`));
      alice = s.state;
      sent.push(s);
    }
    expect(codeOf(ratchetDecrypt(bob, sent[6]!.header, sent[6]!.ciphertext, { limits }))).toBe(
      ErrorCode.RATCHET_SKIP_LIMIT,
    );
    bob = unwrap(ratchetDecrypt(bob, sent[5]!.header, sent[5]!.ciphertext, { limits })).state;
    expect(bob.skippedKeys.length).toBe(5);
    const forged = {
      dh: publicKeyFromPrivateKey(generatePrivateKey(), { compressed: true }),
      n: 0,
      pn: 6 + 6,
    };
    expect(codeOf(ratchetDecrypt(bob, forged, sent[0]!.ciphertext, { limits }))).toBe(
      ErrorCode.RATCHET_SKIP_LIMIT,
    );
    expect(STATUS_RATCHET_LIMITS).toEqual({ maxSkip: 1000, maxKeep: 3000, maxMessageKeysPerSession: 2000 });
  });

  it('MaxMessageKeysPerSession keeps the newest skipped keys; MaxKeep drops keys older than the last maxKeep', () => {
    const perSession: RatchetLimits = { maxSkip: 100, maxKeep: 1000, maxMessageKeysPerSession: 3 };
    let { alice, bob } = randomPair();
    const sent: RatchetEncrypted[] = [];
    for (let i = 0; i < 10; i++) {
      const s = ratchetEncrypt(alice, utf8ToBytes(`m${i}`));
      alice = s.state;
      sent.push(s);
    }
    const capped = unwrap(
      ratchetDecrypt(bob, sent[9]!.header, sent[9]!.ciphertext, { limits: perSession }),
    ).state;
    expect(capped.skippedKeys.map((k) => k.n)).toEqual([6, 7, 8]);
    expect(codeOf(ratchetDecrypt(capped, sent[2]!.header, sent[2]!.ciphertext))).toBe(
      ErrorCode.REPLAYED_MESSAGE,
    );
    expect(text(unwrap(ratchetDecrypt(capped, sent[7]!.header, sent[7]!.ciphertext)).plaintext)).toBe('m7');

    const keep: RatchetLimits = { maxSkip: 100, maxKeep: 4, maxMessageKeysPerSession: 100 };
    bob = unwrap(ratchetDecrypt(bob, sent[9]!.header, sent[9]!.ciphertext, { limits: keep })).state;
    // 10 keys derived (seq 0..9): seq > 10 - 4 survive, i.e. messages 7 and 8.
    expect(bob.keysCount).toBe(10);
    expect(bob.skippedKeys.map((k) => k.n)).toEqual([7, 8]);
  });

  it('refuses a wrong-size shared key or signed pre-key with INVALID_KEY', () => {
    expect(codeOf(initiatorRatchetState(new Uint8Array(31), bobSpk()))).toBe(ErrorCode.INVALID_KEY);
    expect(codeOf(initiatorRatchetState(hex(v.sharedKey), publicKeyFromPrivateKey(v.bobSignedPreKey)))).toBe(
      ErrorCode.INVALID_KEY,
    );
    expect(codeOf(responderRatchetState(hex(v.sharedKey), new Uint8Array(32)))).toBe(ErrorCode.INVALID_KEY);
  });
});
