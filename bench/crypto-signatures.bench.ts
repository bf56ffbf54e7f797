// secp256k1 public-key recovery throughput: our interface vs the raw backends, in one run, over the
// same pre-signed (hash, signature) pairs. Every received Status message needs two recoveries.
//
// Run (uses libs/crypto/dist, so build first):
//   npm run build -w @status-communities/crypto && node --import tsx bench/crypto-signatures.bench.ts
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { secp256k1 as noble } from '@noble/curves/secp256k1.js';
import {
  generatePrivateKey,
  keccak256,
  nobleBackend,
  publicKeyFromPrivateKey,
  recoverPublicKey,
  signatureBackend,
} from '@status-communities/crypto';

interface RawNative {
  ecdsaSign(msg32: Uint8Array, seckey: Uint8Array): { signature: Uint8Array; recid: number };
  ecdsaRecover(sig64: Uint8Array, recid: number, msg32: Uint8Array, compressed: boolean): Uint8Array;
}

const PAIRS = 2_000;
const SIGNERS = 100; // 20 messages per key: distinct signers without 2,000 slow key derivations
const NOBLE_PAIRS = 200; // noble is ~20× slower; a smaller set keeps the run to a few seconds
const ROUNDS = 12;
const CHUNK = 500; // pairs per timed pass: short passes, best-of-many, shrug off scheduler noise

const loadRawNative = (): RawNative | null => {
  try {
    return createRequire(import.meta.url)('secp256k1/bindings.js') as RawNative;
  } catch {
    return null;
  }
};
const rawNative = loadRawNative();

// Pre-signed pairs from distinct keys, in three precomputed shapes so no conversion is timed.
const hashes: Uint8Array[] = [];
const sigs65: Uint8Array[] = []; // r || s || v, what our interface takes
const sigs64: Uint8Array[] = []; // r || s, for the raw native call
const recids: number[] = [];
const nobleSigs: Uint8Array[] = []; // v || r || s, noble's 'recovered' format
const expected: Uint8Array[] = [];
const signers = Array.from({ length: SIGNERS }, () => {
  const priv = generatePrivateKey();
  return { priv, pub: publicKeyFromPrivateKey(priv) };
});
for (let i = 0; i < PAIRS; i++) {
  const { priv, pub } = signers[i % SIGNERS]!;
  const hash = keccak256(Uint8Array.of(i >> 8, i & 0xff, ...priv));
  const sig = signatureBackend.sign(hash, priv);
  hashes.push(hash);
  sigs65.push(sig);
  sigs64.push(sig.slice(0, 64));
  recids.push(sig[64] ?? 0);
  nobleSigs.push(Uint8Array.of(sig[64] ?? 0, ...sig.subarray(0, 64)));
  expected.push(pub);
}

const same = (a: Uint8Array, b: Uint8Array | undefined): boolean =>
  b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

type Recover = (i: number) => Uint8Array | null;

/** Fails loudly if an implementation recovers a wrong key, so a fast failure path is never timed. */
const check = (name: string, count: number, recoverAt: Recover): void => {
  for (let i = 0; i < count; i++) {
    const pub = recoverAt(i);
    // Compare X only: noble's raw call returns the compressed form.
    if (!pub || !same(pub.subarray(1, 33), expected[i]?.subarray(1, 33)))
      throw new Error(`${name}: recovery ${i} returned a wrong key`);
  }
};

/** Recoveries per second of one pass over pairs [from, to). */
const pass = (from: number, to: number, recoverAt: Recover): number => {
  const start = performance.now();
  for (let i = from; i < to; i++) recoverAt(i);
  return (to - from) / ((performance.now() - start) / 1000);
};

const RAW_NATIVE = 'raw native   secp256k1.ecdsaRecover';
const OURS_RESULT = 'ours         recoverPublicKey (Result)';
const OURS_BACKEND = 'ours         signatureBackend.recover';
const RAW_NOBLE = 'raw noble    secp256k1.recoverPublicKey';
const OURS_NOBLE = 'ours noble   nobleBackend.recover';

const fastSet: [string, Recover][] = [
  [
    OURS_RESULT,
    (i) => {
      const r = recoverPublicKey(hashes[i]!, sigs65[i]!);
      return r.ok ? r.value : null;
    },
  ],
  [OURS_BACKEND, (i) => signatureBackend.recover(hashes[i]!, sigs65[i]!)],
];
if (rawNative)
  fastSet.unshift([RAW_NATIVE, (i) => rawNative.ecdsaRecover(sigs64[i]!, recids[i]!, hashes[i]!, false)]);
const nobleSet: [string, Recover][] = [
  [RAW_NOBLE, (i) => noble.recoverPublicKey(nobleSigs[i]!, hashes[i]!, { prehash: false })],
  [OURS_NOBLE, (i) => nobleBackend.recover(hashes[i]!, sigs65[i]!)],
];

// Round-robin passes so every implementation sees the same machine state; keep each one's best pass.
const results = new Map<string, number>();
const runRounds = (set: [string, Recover][], count: number, rounds: number): void => {
  for (const [name, fn] of set) check(name, count, fn);
  const chunk = Math.min(CHUNK, count);
  for (let round = 0; round < rounds; round++) {
    const from = (round * chunk) % count; // rotate through the whole set of pairs
    const to = Math.min(from + chunk, count);
    for (const [name, fn] of set) results.set(name, Math.max(results.get(name) ?? 0, pass(from, to, fn)));
  }
};
const native = signatureBackend.name === 'native';
runRounds(native ? fastSet : [...fastSet, ...nobleSet], PAIRS, ROUNDS);
if (native) runRounds(nobleSet, NOBLE_PAIRS, 3);

const fmt = (rate: number): string => Math.round(rate).toLocaleString('en-US').padStart(8) + ' /s';
const ratioOf = (a: string, b: string): number => (results.get(a) ?? NaN) / (results.get(b) ?? NaN);
const rawInUse = native ? RAW_NATIVE : RAW_NOBLE;

console.log(
  `secp256k1 public-key recovery — default backend: ${signatureBackend.name}; ${PAIRS} pairs from ` +
    `${SIGNERS} keys${native ? ` (noble rows: first ${NOBLE_PAIRS})` : ''}; best of ${ROUNDS} passes of ${CHUNK}`,
);
for (const [name, rate] of results) console.log(`  ${name.padEnd(42)} ${fmt(rate)}`);
const ratio = ratioOf(OURS_RESULT, rawInUse);
console.log(
  `  ratio recoverPublicKey / raw ${signatureBackend.name.padEnd(6)}        ${ratio.toFixed(3)}` +
    `  (target >= 0.9: ${ratio >= 0.9 ? 'OK' : 'BELOW TARGET'})`,
);
console.log(
  `  ratio signatureBackend.recover / raw ${signatureBackend.name.padEnd(6)} ${ratioOf(OURS_BACKEND, rawInUse).toFixed(3)}`,
);
console.log(`  ratio nobleBackend.recover / raw noble    ${ratioOf(OURS_NOBLE, RAW_NOBLE).toFixed(3)}`);
if (rawNative)
  console.log(`  raw native / raw noble                    ${ratioOf(RAW_NATIVE, RAW_NOBLE).toFixed(1)}x`);
