// Full decode of symmetric-encrypted Status channel messages, the receive hot path: AES-256-GCM open,
// envelope signature recovery, ProtocolMessage unwrap, AMM signature recovery, message ID, inner
// ChatMessage. Baseline, in the same run: the two bare signature recoveries every message needs, through
// the same backend — the floor no decoder can beat. The ratio says how much of the time is everything else.
//
// Run (uses the built libraries): npm run build && node --import tsx bench/protocol-decode.bench.ts
import { performance } from 'node:perf_hooks';
import {
  generatePrivateKey,
  keccak256,
  publicKeyFromPrivateKey,
  signatureBackend,
  symKeyFor,
} from '@status-communities/crypto';
import { encodeProto, status } from '@status-communities/proto';
import {
  channelChatId,
  decodeStatusMessage,
  encodeStatusMessage,
  memberUpdateChatId,
} from '@status-communities/protocol';

const MESSAGES = 1_000;
const MEMBERS = 50;
const ROUNDS = 8;
const CHUNK = 250;

const communityId =
  '0x' + Buffer.from(publicKeyFromPrivateKey(generatePrivateKey(), { compressed: true })).toString('hex');
const chatId = channelChatId(communityId, '5f9c0b2e-1b7d-4c8a-9d51-6a3e2f0c7b14');
const symKey = symKeyFor(memberUpdateChatId(communityId));
const members = Array.from({ length: MEMBERS }, () => generatePrivateKey());

// What the baseline recovers: the same two (hash, signature) pairs a decode recovers.
const recoveries: { hash: Uint8Array; signature: Uint8Array }[][] = [];
const payloads: Uint8Array[] = [];
const expectedIds: string[] = [];
const now = Date.now();
for (let i = 0; i < MESSAGES; i++) {
  const priv = members[i % MEMBERS]!;
  const chat = encodeProto(status.ChatMessage, {
    clock: now + i,
    timestamp: now + i,
    text: `message ${i}: the quick brown fox jumps over the lazy dog`,
    chatId,
    messageType: status.MessageType.COMMUNITY_CHAT,
    contentType: status.ChatMessage.ContentType.TEXT_PLAIN,
  });
  const encoded = encodeStatusMessage({
    type: status.ApplicationMetadataMessage.Type.CHAT_MESSAGE,
    payload: chat,
    signerPriv: priv,
    envelope: { symKey },
    wrapInProtocolMessage: true,
  });
  if (!encoded.ok) throw encoded.error;
  const payload = encoded.value.payloads[0]!;
  payloads.push(payload);
  expectedIds.push(encoded.value.messageId);
  const amm = status.ApplicationMetadataMessage.decode(encoded.value.applicationMessage);
  const ammSig = { hash: keccak256(amm.payload), signature: amm.signature };
  const envelopeHash = keccak256(keccak256(amm.payload)); // a second distinct hash of the same cost
  recoveries.push([ammSig, { hash: envelopeHash, signature: signatureBackend.sign(envelopeHash, priv) }]);
}

// Correctness first: a decoder that fails fast must never be timed.
for (let i = 0; i < MESSAGES; i++) {
  const decoded = decodeStatusMessage(payloads[i]!, { symKey });
  if (!decoded.ok || decoded.value.kind !== 'message' || decoded.value.messageId !== expectedIds[i])
    throw new Error(`decode ${i} failed`);
}

const pass = (from: number, to: number, run: (i: number) => void): number => {
  const start = performance.now();
  for (let i = from; i < to; i++) run(i);
  return (to - from) / ((performance.now() - start) / 1000);
};

/** Best per-second rate over short passes, alternating implementations so machine noise hits both. */
function measure(runs: Record<string, (i: number) => void>): Record<string, number> {
  const best: Record<string, number> = Object.fromEntries(Object.keys(runs).map((name) => [name, 0]));
  for (let round = 0; round < ROUNDS; round++)
    for (let from = 0; from < MESSAGES; from += CHUNK)
      for (const [name, run] of Object.entries(runs))
        best[name] = Math.max(best[name]!, pass(from, from + CHUNK, run));
  return best;
}

const rates = measure({
  decode: (i) => {
    decodeStatusMessage(payloads[i]!, { symKey });
  },
  twoRecoveries: (i) => {
    for (const { hash, signature } of recoveries[i]!) signatureBackend.recover(hash, signature);
  },
});

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
console.log(`signature backend: ${signatureBackend.name}`);
console.log(`full decode (symmetric, ProtocolMessage, AMM, ChatMessage): ${fmt(rates.decode!)} messages/s`);
console.log(
  `baseline, two signature recoveries per message:            ${fmt(rates.twoRecoveries!)} messages/s`,
);
console.log(`ratio full decode / baseline: ${(rates.decode! / rates.twoRecoveries!).toFixed(3)}`);
