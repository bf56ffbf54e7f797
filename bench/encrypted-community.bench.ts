// Encrypted communities (issue #13), each beside its open baseline in the same run:
// 1. the description of a 5,000-member community: built, private parts sealed (members, chats, categories
//    under the community key; two encrypted channels under their own), the channels' bloom filters, signed,
//    wrapped in the rekey envelope (the community key sealed for each of the 5,001 members: one ECDH each)
//    and encrypted for both description shards — beside the same community open (publisher's encodeDescription).
// 2. the indexer's decode of channel messages: hash-ratchet ones (envelope, both signatures, the HR layer
//    with the message key advanced from the last one, the AMM) beside open ones (envelope, signatures,
//    public_message) — the indexer's own functions (openWithKeys, toDecoded, openHashRatchet). Ratio ≥ 0.8.
//
// Run (uses the built libraries): npm run build && node --import tsx bench/encrypted-community.bench.ts
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import {
  generateHashRatchetKey,
  generatePrivateKey,
  hexToBytesOrThrow,
  publicKeyFromPrivateKey,
  publicKeyToCompressedHex,
  publicKeyToHex,
  signatureBackend,
  symKeyFor,
} from '@status-communities/crypto';
import { encodeProto, status } from '@status-communities/proto';
import {
  DEFAULT_SHARD_PROFILE,
  SegmentAssembler,
  buildCommunityDescription,
  channelGroupId,
  descriptionRekeyLayer,
  encodeHashRatchetMessage,
  encodeStatusMessage,
  encryptCommunityDescription,
  indexHashRatchetKeys,
  memberUpdateChatId,
  withChannelMembersBloomFilters,
} from '@status-communities/protocol';
import { DEFAULT_MAX_SEGMENT_BYTES } from '../apps/publisher/src/config.js';
import { descriptionInput } from '../apps/publisher/src/description/description-input.js';
import { encodeDescription } from '../apps/publisher/src/description/encode-description.js';
import type { PublishState } from '../apps/publisher/src/state.js';
import { openWithKeys, toDecoded } from '../apps/indexer/src/decode/decode.js';
import type { SymmetricRoute } from '../apps/indexer/src/decode/decode.js';
import { MessageKeyChains, openHashRatchet } from '../apps/indexer/src/decode/hash-ratchet.js';

const MEMBERS = 5_000;
const CHANNELS = 10;
const ENCRYPTED_CHANNELS = 2;
const MESSAGES = 2_000;
const TARGET_MS = 3_000;

const communityKey = generatePrivateKey();
const communityPublic = publicKeyFromPrivateKey(communityKey);
const communityId = publicKeyToCompressedHex(communityPublic);
const channelIds = Array.from({ length: CHANNELS }, () => randomUUID());

const stateWith = (encrypted: boolean): PublishState => ({
  community: {
    id: communityId,
    tenantId: null,
    keyId: randomUUID(),
    name: 'Benchmark community',
    description: 'How long does an encrypted description take?',
    color: '#887af9',
    emoji: '',
    tags: ['Art'],
    access: 'AUTO_ACCEPT',
    ensOnly: false,
    introMessage: 'Welcome',
    outroMessage: 'Bye',
    pinMessageAllMembersEnabled: false,
    encrypted,
    shard: null,
    clock: Date.now(),
  },
  channels: channelIds.map((uuid, index) => ({
    uuid,
    name: `channel-${index}`,
    description: 'a channel',
    emoji: '',
    color: '#4360df',
    categoryId: null,
    position: index,
    viewersCanPostReactions: true,
    hideIfPermissionsNotMet: false,
    encrypted: encrypted && index < ENCRYPTED_CHANNELS,
    deleted: false,
  })),
  categories: [],
  images: [],
  members: [
    { memberKey: publicKeyToHex(communityPublic), roles: ['OWNER'], lastUpdateClock: 0 },
    ...Array.from({ length: MEMBERS }, () => ({
      memberKey: publicKeyToHex(publicKeyFromPrivateKey(generatePrivateKey())),
      roles: [],
      lastUpdateClock: 0,
    })),
  ],
  bans: [],
  lastPublishedClock: null,
  lastPublishedAt: null,
  lastDescription: null,
});

/** Best time of one call, in ms, over repetitions filling about TARGET_MS (at least 3). */
const bestMs = async (run: () => unknown): Promise<number> => {
  let best = Infinity;
  let runs = 0;
  const deadline = performance.now() + TARGET_MS;
  do {
    const start = performance.now();
    await run();
    best = Math.min(best, performance.now() - start);
    runs += 1;
  } while (performance.now() < deadline || runs < 3);
  return best;
};

/**
 * Best times of two calls run in turn (a, b, a, b, …) over about 2 × TARGET_MS: on a shared machine the
 * load moves, and alternating puts both under the same load (one after the other, the ratio measured it).
 */
const bestMsInTurn = async (a: () => unknown, b: () => unknown): Promise<[number, number]> => {
  const best: [number, number] = [Infinity, Infinity];
  let rounds = 0;
  const deadline = performance.now() + 2 * TARGET_MS;
  do {
    for (const [index, run] of [a, b].entries()) {
      const start = performance.now();
      await run();
      best[index] = Math.min(best[index] ?? Infinity, performance.now() - start);
    }
    rounds += 1;
  } while (performance.now() < deadline || rounds < 5);
  return best;
};

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;
console.log(`signature backend: ${signatureBackend.name}`);

// ── 1. The description ──
const open = stateWith(false);
const gated = stateWith(true);
const now = BigInt(Date.now());
const communityGroupKey = generateHashRatchetKey(hexToBytesOrThrow(communityId), now);
const channelKeys = Object.fromEntries(
  channelIds
    .slice(0, ENCRYPTED_CHANNELS)
    .map((uuid) => [uuid, { key: generateHashRatchetKey(channelGroupId(communityId, uuid), now), seqNo: 1 }]),
);
const memberKeys = gated.members.map((member) => hexToBytesOrThrow(member.memberKey));

const encodeOpen = () => {
  const encoded = encodeDescription({
    input: descriptionInput(open),
    communityKey,
    shard: null,
    profile: DEFAULT_SHARD_PROFILE,
    maxSegmentBytes: DEFAULT_MAX_SEGMENT_BYTES,
  });
  if (!encoded.ok) throw encoded.error;
  return encoded.value;
};
const encodeEncrypted = () => {
  const input = descriptionInput(gated);
  const plain = buildCommunityDescription(input);
  const blooms = withChannelMembersBloomFilters(plain, communityKey);
  if (!blooms.ok) throw blooms.error;
  const sealed = encryptCommunityDescription(blooms.value, {
    community: { key: communityGroupKey, seqNo: 1 },
    channels: channelKeys,
  });
  if (!sealed.ok) throw sealed.error;
  const encoded = encodeDescription({
    input,
    communityKey,
    shard: null,
    profile: DEFAULT_SHARD_PROFILE,
    maxSegmentBytes: DEFAULT_MAX_SEGMENT_BYTES,
    description: sealed.value,
    protocolLayer: descriptionRekeyLayer({
      installationId: 'bench',
      key: communityGroupKey,
      controlNodePrivateKey: communityKey,
      members: memberKeys,
    }),
  });
  if (!encoded.ok) throw encoded.error;
  return encoded.value;
};
// Correctness first: the encrypted one carries sealed parts and nothing of the members in the clear.
const openOnce = encodeOpen();
const encryptedOnce = encodeEncrypted();
if (Object.keys(encryptedOnce.description.members).length !== 0) throw new Error('members in the clear');
if (Object.keys(encryptedOnce.description.privateData).length !== 1 + ENCRYPTED_CHANNELS)
  throw new Error('private parts');

const openMs = await bestMs(encodeOpen);
const encryptedMs = await bestMs(encodeEncrypted);
const wakuBytes = (messages: readonly { payload: Uint8Array }[]) =>
  messages.reduce((sum, message) => sum + message.payload.length, 0);
console.log(
  `\n${MEMBERS.toLocaleString('en-US')}-member description (${CHANNELS} channels, ${ENCRYPTED_CHANNELS} encrypted), build+seal+sign+encrypt ×2 shards:`,
);
console.log('kind      | time      | AMM bytes | Waku bytes (both shards) | segments');
for (const [kind, ms, encoded] of [
  ['open', openMs, openOnce],
  ['encrypted', encryptedMs, encryptedOnce],
] as const)
  console.log(
    [
      kind.padEnd(9),
      fmt(ms).padStart(9),
      encoded.applicationMessage.length.toLocaleString('en-US').padStart(9),
      wakuBytes(encoded.messages).toLocaleString('en-US').padStart(24),
      String(encoded.segments).padStart(8),
    ].join(' | '),
  );
console.log(
  `ratio encrypted / open: ${(encryptedMs / openMs).toFixed(2)}× (one ECDH per member for the rekey envelope and per member and encrypted channel for the bloom filters)`,
);

// ── 2. Channel messages through the indexer's decode ──
const chatId = memberUpdateChatId(communityId);
const symKey = symKeyFor(chatId);
const route = { kind: 'symmetric', communityId } as unknown as SymmetricRoute;
const channelKey = channelKeys[channelIds[0]!]!.key;
const authors = Array.from({ length: 20 }, () => generatePrivateKey());
const chat = (index: number) =>
  encodeProto(
    status.ChatMessage,
    status.ChatMessage.create({
      clock: 1_700_000_000_000 + index,
      timestamp: 1_700_000_000_000 + index,
      text: `message ${index} with some text in it, as people write`,
      chatId: communityId + channelIds[0],
      messageType: status.MessageType.COMMUNITY_CHAT,
      contentType: status.ChatMessage.ContentType.TEXT_PLAIN,
    }),
  );
const payloadOf = (index: number, encrypted: boolean): Uint8Array => {
  const encoded = encodeStatusMessage({
    type: status.ApplicationMetadataMessage.Type.CHAT_MESSAGE,
    payload: chat(index),
    signerPriv: authors[index % authors.length]!,
    envelope: { symKey },
    ...(encrypted
      ? {
          protocolLayer: (applicationBytes: Uint8Array) =>
            encodeHashRatchetMessage({
              installationId: 'bench',
              key: channelKey,
              seqNo: index + 1,
              applicationBytes,
            }),
        }
      : { wrapInProtocolMessage: true }),
  });
  if (!encoded.ok) throw encoded.error;
  return encoded.value.payloads[0]!;
};
const openPayloads = Array.from({ length: MESSAGES }, (_, index) => payloadOf(index, false));
const hrPayloads = Array.from({ length: MESSAGES }, (_, index) => payloadOf(index, true));
const lookup = indexHashRatchetKeys([channelKey]);
const keys = { lookup: async () => lookup, fresh: async () => lookup };

const decodeAll = async (payloads: readonly Uint8Array[], chains?: MessageKeyChains) => {
  const segments = { assembler: new SegmentAssembler(), nowMs: Date.now() };
  for (const payload of payloads) {
    const decoded = toDecoded(openWithKeys(payload, [symKey], segments), [route]);
    const message = chains ? await openHashRatchet(decoded, { keys, chains }) : decoded;
    if (message.kind !== 'message') throw new Error(`not decoded: ${message.kind}`);
  }
};
await decodeAll(openPayloads);
await decodeAll(hrPayloads, new MessageKeyChains());
// A fresh chain each run: every message advances the key by one, as in a live channel.
const [openDecodeMs, hrDecodeMs] = await bestMsInTurn(
  () => decodeAll(openPayloads),
  () => decodeAll(hrPayloads, new MessageKeyChains()),
);
const perSecond = (ms: number) => Math.round((MESSAGES / ms) * 1000);
console.log(`\nindexer decode of ${MESSAGES.toLocaleString('en-US')} channel messages (20 authors):`);
console.log(`open:         ${perSecond(openDecodeMs).toLocaleString('en-US')} messages/s`);
console.log(`hash-ratchet: ${perSecond(hrDecodeMs).toLocaleString('en-US')} messages/s`);
const ratio = openDecodeMs / hrDecodeMs;
console.log(`ratio hash-ratchet / open throughput: ${ratio.toFixed(2)} (target ≥ 0.8)`);
if (ratio < 0.8) process.exitCode = 1;
