// Test-only: the project's wire vectors, deterministic keys and a sample community, shared by the tests of
// this folder. Nothing outside tests imports it.
import { readFileSync } from 'node:fs';
import {
  bytesToPrefixedHex,
  hexToBytesOrThrow,
  keccak256,
  publicKeyFromPrivateKey,
  recoverPublicKey,
  sign,
} from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import { buildCommunityDescription } from '../description-builder.js';
import { decodeCommunityDescription, readCommunityDescription } from '../description-model.js';
import type {
  CommunityChannelInput,
  CommunityDescriptionInput,
  CommunityDescriptionModel,
  CommunityMemberModel,
  CommunityMemberRole,
} from '../description-model.js';

interface KeyVector {
  private: string;
  compressed?: string;
  uncompressed: string;
}

export interface CommunityVectors {
  keys: {
    community: KeyVector & { compressed: string };
    member: KeyVector & { compressed: string };
    other: KeyVector;
  };
  requestToJoin: {
    requestIdInput: string;
    requestId: string;
    revealedAccountHash: string;
    wallet: { private: string; address: string };
    personalSignDigest: string;
    personalSignature27: string;
  };
}

export const vectors = JSON.parse(
  readFileSync(new URL('../../../../../../shared/vectors/status-wire.json', import.meta.url), 'utf8'),
) as CommunityVectors;

export const hex = hexToBytesOrThrow;

export interface TestKey {
  readonly privateKey: Uint8Array;
  /** 65 bytes. */
  readonly publicKey: Uint8Array;
  /** 33 bytes. */
  readonly compressed: Uint8Array;
  /** `0x04…`, the member-key form. */
  readonly memberKey: string;
}

export const testKey = (privateHex: string): TestKey => {
  const privateKey = hex(privateHex);
  const publicKey = publicKeyFromPrivateKey(privateKey);
  return {
    privateKey,
    publicKey,
    compressed: publicKeyFromPrivateKey(privateKey, { compressed: true }),
    memberKey: bytesToPrefixedHex(publicKey),
  };
};

export const communityKey = testKey(vectors.keys.community.private);
export const COMMUNITY_ID = vectors.keys.community.compressed;
/** Owner's chat key (go-ethereum's test key, the vectors' "member"). */
export const owner = testKey(vectors.keys.member.private);
export const admin = testKey('a2'.repeat(32));
export const tokenMaster = testKey('a3'.repeat(32));
export const alice = testKey('a4'.repeat(32));
export const viewer = testKey('a5'.repeat(32));
export const outsider = testKey(vectors.keys.other.private);

export const GENERAL = '5f9c0b2e-1b7d-4c8a-9d51-6a3e2f0c7b14';
export const ANNOUNCEMENTS = '30804ea7-bd66-4d5d-91eb-b2dcfe2515b3';
export const CATEGORY = 'c0ffee00-0000-4000-8000-000000000001';

export const member = (
  key: TestKey,
  roles: readonly CommunityMemberRole[] = [],
  channelRole: CommunityMemberModel['channelRole'] = 'POSTER',
): CommunityMemberModel => ({ publicKey: key.memberKey, roles, channelRole, lastUpdateClock: 0 });

export const memberMap = (...members: CommunityMemberModel[]): Map<string, CommunityMemberModel> =>
  new Map(members.map((m) => [m.publicKey, m]));

export const channel = (
  uuid: string,
  overrides: Partial<CommunityChannelInput> = {},
): CommunityChannelInput => ({
  uuid,
  name: `channel ${uuid.slice(0, 4)}`,
  description: '',
  emoji: '💬',
  color: '#4360df',
  categoryId: undefined,
  position: 0,
  viewersCanPostReactions: false,
  hideIfPermissionsNotMet: false,
  firstMessageTimestamp: 0,
  permissions: { access: 'AUTO_ACCEPT', ensOnly: false, private: false },
  members: new Map(),
  ...overrides,
});

/** A community with an owner, an admin, a token master and a plain member; two channels, one category. */
export const sampleInput = (
  overrides: Partial<CommunityDescriptionInput> = {},
): CommunityDescriptionInput => ({
  communityId: COMMUNITY_ID,
  clock: 1_700_000_000_000,
  members: memberMap(
    member(owner, ['OWNER']),
    member(admin, ['ADMIN']),
    member(tokenMaster, ['TOKEN_MASTER']),
    member(alice),
  ),
  permissions: { access: 'AUTO_ACCEPT', ensOnly: false, private: false },
  identity: {
    displayName: 'Test community',
    description: 'for the tests',
    color: '#887af9',
    emoji: '',
    images: new Map([
      [
        'thumbnail',
        { payload: new Uint8Array([1, 2, 3]), format: 'PNG', source: 'RAW_PAYLOAD', encrypted: false },
      ],
    ]),
  },
  channels: new Map([
    [GENERAL, channel(GENERAL, { name: 'general', position: 0 })],
    [ANNOUNCEMENTS, channel(ANNOUNCEMENTS, { name: 'announcements', categoryId: CATEGORY, position: 1 })],
  ]),
  categories: new Map([[CATEGORY, { id: CATEGORY, name: 'News', position: 0 }]]),
  tags: ['Ethereum', 'Privacy'],
  bannedMembers: new Map(),
  adminSettings: { pinMessageAllMembersEnabled: false },
  introMessage: 'welcome',
  outroMessage: 'bye',
  tokenPermissions: new Map(),
  archiveMagnetlinkClock: 0,
  activeMembersCount: 4,
  resendAccountsClock: 0,
  ...overrides,
});

/** Builds, encodes, decodes and reads back: the model a receiver would hold for `input`. */
export const roundTrip = (input: CommunityDescriptionInput): CommunityDescriptionModel => {
  const bytes = encodeProto(status.CommunityDescription, buildCommunityDescription(input));
  return unwrap(readCommunityDescription(unwrap(decodeCommunityDescription(bytes)), input.communityId));
};

/** Signs the encoded description like an AMM signer would and returns the recovered signer. */
export const signerOf = (description: status.CommunityDescription, key: TestKey): Uint8Array => {
  const payload = encodeProto(status.CommunityDescription, description);
  const hash = keccak256(payload);
  return unwrap(recoverPublicKey(hash, sign(hash, key.privateKey)));
};

/** Deterministic PRNG (xorshift32) so random-input tests are reproducible. */
export const seededBytes = (seed: number): ((length: number) => Uint8Array) => {
  let state = seed >>> 0 || 1;
  return (length) => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      out[i] = state & 0xff;
    }
    return out;
  };
};
