// What one publish of a hosted community costs: building the CommunityDescription from stored state
// (dehydrated, validated, encoded), then signing it with the community key and encrypting it for each
// description shard (128 and 32), with SegmentMessages past the fleet's 150 KiB limit — the publisher's own
// code path (apps/publisher descriptionInput + encodeDescription), for 100, 1,000 and 5,000 members.
// Baselines, in the same run: a raw sign of the same description bytes (keccak256 + secp256k1 sign through
// the same backend), and the wire floor — the hashing and signing the wire format asks of any publisher for
// those bytes (prepareStatusMessage: AMM signature, message id, segments' whole-message hash, each segment's
// envelope signature: four Keccak passes over the description). Sizes are the signed ApplicationMetadataMessage.
//
// Run (uses the built libraries): npm run build && node --import tsx bench/publisher-description.bench.ts
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import {
  generatePrivateKey,
  keccak256,
  publicKeyFromPrivateKey,
  publicKeyToCompressedHex,
  publicKeyToHex,
  signatureBackend,
} from '@status-communities/crypto';
import { encodeProto, status } from '@status-communities/proto';
import {
  DEFAULT_SHARD_PROFILE,
  buildCommunityDescription,
  prepareStatusMessage,
} from '@status-communities/protocol';
import { DEFAULT_MAX_SEGMENT_BYTES } from '../apps/publisher/src/config.js';
import { descriptionInput } from '../apps/publisher/src/description/description-input.js';
import { encodeDescription } from '../apps/publisher/src/description/encode-description.js';
import type { PublishState } from '../apps/publisher/src/state.js';

const SIZES = [100, 1_000, 5_000];
const CHANNELS = 10;
const TARGET_MS = 1_500; // per measurement: enough repetitions for a stable best time at every size

const communityKey = generatePrivateKey();
const communityPublic = publicKeyFromPrivateKey(communityKey);
const communityId = publicKeyToCompressedHex(communityPublic);

/** Stored state as the publisher loads it: an owner, `members` members, ten channels in two categories. */
const stateWith = (members: number): PublishState => ({
  community: {
    id: communityId,
    tenantId: null,
    keyId: randomUUID(),
    name: 'Benchmark community',
    description: 'How long does a description take?',
    color: '#887af9',
    emoji: '⏱️',
    tags: ['Art', 'Technology'],
    access: 'AUTO_ACCEPT',
    ensOnly: false,
    introMessage: 'Welcome '.repeat(50),
    outroMessage: 'Bye',
    pinMessageAllMembersEnabled: false,
    encrypted: false,
    shard: null,
    clock: Date.now(),
  },
  channels: Array.from({ length: CHANNELS }, (_, index) => ({
    uuid: randomUUID(),
    name: `channel-${index}`,
    description: 'a channel',
    emoji: '💬',
    color: '#4360df',
    categoryId: index % 2 === 0 ? 'talk' : 'dev',
    position: Math.floor(index / 2),
    viewersCanPostReactions: true,
    hideIfPermissionsNotMet: false,
    encrypted: false,
    deleted: false,
  })),
  categories: [
    { categoryId: 'talk', name: 'Talk', position: 0, deleted: false },
    { categoryId: 'dev', name: 'Dev', position: 1, deleted: false },
  ],
  images: [],
  members: [
    { memberKey: publicKeyToHex(communityPublic), roles: ['OWNER'], lastUpdateClock: 0 },
    ...Array.from({ length: members }, () => ({
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

/** Best time of one call, in ms, over repetitions filling about TARGET_MS. */
const bestMs = (run: () => void): number => {
  let best = Infinity;
  const deadline = performance.now() + TARGET_MS;
  do {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  } while (performance.now() < deadline);
  return best;
};

const fmt = (ms: number): string => `${ms.toFixed(2)} ms`;
console.log(`signature backend: ${signatureBackend.name}`);
console.log(
  'members | build (input → validated bytes) | build+sign+encrypt ×2 shards | raw sign | ratio | wire floor | ratio wire | AMM bytes | segments',
);
for (const members of SIZES) {
  const state = stateWith(members);
  const encode = () =>
    encodeDescription({
      input: descriptionInput(state),
      communityKey,
      shard: null,
      profile: DEFAULT_SHARD_PROFILE,
      maxSegmentBytes: DEFAULT_MAX_SEGMENT_BYTES,
    });
  // Correctness first: what is timed must be what the publisher queues.
  const encoded = encode();
  if (!encoded.ok) throw encoded.error;
  if (Object.keys(encoded.value.description.members).length !== members + 1) throw new Error('member count');
  const bytes = encodeProto(status.CommunityDescription, encoded.value.description);

  const build = bestMs(() => {
    encodeProto(status.CommunityDescription, buildCommunityDescription(descriptionInput(state)));
  });
  const full = bestMs(() => {
    if (!encode().ok) throw new Error('encode failed');
  });
  const rawSign = bestMs(() => {
    signatureBackend.sign(keccak256(bytes), communityKey);
  });
  // What the wire format itself asks of any publisher for these bytes, once: the AMM's signature hash, the
  // message id's hash of the AMM, the segments' whole-message hash and each segment envelope's signature.
  const wireFloor = bestMs(() => {
    prepareStatusMessage({
      type: status.ApplicationMetadataMessage.Type.COMMUNITY_DESCRIPTION,
      payload: bytes,
      signerPriv: communityKey,
      maxSegmentSize: DEFAULT_MAX_SEGMENT_BYTES,
    });
  });
  console.log(
    [
      String(members).padStart(7),
      fmt(build).padStart(31),
      fmt(full).padStart(28),
      fmt(rawSign).padStart(8),
      `${(full / rawSign).toFixed(1)}×`.padStart(5),
      fmt(wireFloor).padStart(10),
      `${(full / wireFloor).toFixed(1)}×`.padStart(10),
      encoded.value.applicationMessage.length.toLocaleString('en-US').padStart(9),
      String(encoded.value.segments).padStart(8),
    ].join(' | '),
  );
}
