// Chat symmetric-key derivation (PBKDF2-HMAC-SHA256, 65356 iterations): uncached vs the LRU cache.
//
// Run (uses libs/crypto/dist, so build first):
//   npm run build -w @status-communities/crypto && node --import tsx bench/crypto-pbkdf2.bench.ts
import { performance } from 'node:perf_hooks';
import { SymKeyCache, deriveSymKey } from '@status-communities/crypto';

const COMMUNITY = '0x03ab5d2e79cfd621b1b027ffb24e2453ed7fb571ba9a841ff0e2473466cabd168d';
const chatIds = [COMMUNITY, `${COMMUNITY}-memberUpdate`, `${COMMUNITY}-shard-info`, `${COMMUNITY}-ping`];

/** Operations per second of `op`, run for about `ms` milliseconds. */
const rate = (ms: number, op: (i: number) => unknown): number => {
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let k = 0; k < 16; k++) op(count++);
    elapsed = performance.now() - start;
  }
  return count / (elapsed / 1000);
};

// Uncached: a distinct chat ID each time, as a cold start subscribing to many chats would see.
const uncached = rate(1500, (i) => deriveSymKey(`${COMMUNITY}-chat-${i}`));

const cache = new SymKeyCache({ maxEntries: 1024 });
for (const id of chatIds) cache.get(id); // warm
const cached = rate(500, (i) => cache.get(chatIds[i % chatIds.length]!));

const fmt = (r: number): string => Math.round(r).toLocaleString('en-US').padStart(11) + ' /s';
console.log('pbkdf2 chat keys (PBKDF2-HMAC-SHA256, 65356 iterations, 32 bytes, node:crypto)');
console.log(`  uncached  deriveSymKey        ${fmt(uncached)}  (${(1000 / uncached).toFixed(1)} ms each)`);
console.log(`  cached    SymKeyCache.get     ${fmt(cached)}`);
console.log(`  ratio     cached / uncached   ${Math.round(cached / uncached).toLocaleString('en-US')}×`);
