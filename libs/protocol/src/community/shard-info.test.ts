import { describe, expect, it } from '@jest/globals';
import { keccak256, sign } from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { bigIntToUint64, decodeProto, encodeProto, status, uint64ToNumber } from '@status-communities/proto';
import { buildCommunityPublicShardInfo, verifyCommunityPublicShardInfo } from './shard-info.js';
import type { CommunityShard } from './shard-info.js';
import { communityKey, owner, seededBytes } from './testing/fixtures.js';

const CLOCK = 1_700_000_000_000;
const SHARD: CommunityShard = { cluster: 16, index: 128 };

/** Our builder's output; `shard: undefined` must stay undefined, so no destructuring defaults here. */
const built = (options: { shard?: CommunityShard | undefined; chainId?: bigint } = {}): Uint8Array =>
  encodeProto(
    status.CommunityPublicShardInfo,
    unwrap(
      buildCommunityPublicShardInfo({
        communityPrivateKey: communityKey.privateKey,
        clock: CLOCK,
        shard: 'shard' in options ? options.shard : SHARD,
        chainId: options.chainId ?? 0n,
      }),
    ),
  );

/** A PublicShardInfo with chosen fields, signed by `signer`. */
const forge = (fields: status.PublicShardInfo.$Properties, signer = communityKey.privateKey): Uint8Array => {
  const payload = encodeProto(status.PublicShardInfo, status.PublicShardInfo.create(fields));
  return encodeProto(
    status.CommunityPublicShardInfo,
    status.CommunityPublicShardInfo.create({ signature: sign(keccak256(payload), signer), payload }),
  );
};

const failure = (result: Result<unknown>): [string, unknown] | undefined =>
  result.ok ? undefined : [result.error.code, result.error.details['reason']];

describe('buildCommunityPublicShardInfo (SG messenger_community_shard.go sendPublicCommunityShardInfo)', () => {
  it('signs keccak256(PublicShardInfo bytes) with the community key', () => {
    const signed = unwrap(decodeProto(status.CommunityPublicShardInfo, built()));
    const info = unwrap(decodeProto(status.PublicShardInfo, signed.payload ?? new Uint8Array()));
    expect(uint64ToNumber(info.clock)).toBe(CLOCK);
    expect(Buffer.from(info.communityId ?? []).equals(Buffer.from(communityKey.compressed))).toBe(true);
    expect(info.shard).toMatchObject(SHARD);
    expect(
      Buffer.from(signed.signature ?? []).equals(
        Buffer.from(sign(keccak256(signed.payload ?? new Uint8Array()), communityKey.privateKey)),
      ),
    ).toBe(true);
  });

  it('omits the shard field for a community without its own shard', () => {
    const signed = unwrap(decodeProto(status.CommunityPublicShardInfo, built({ shard: undefined })));
    expect(
      unwrap(decodeProto(status.PublicShardInfo, signed.payload ?? new Uint8Array())).shard ?? undefined,
    ).toBeUndefined();
  });

  it('refuses an invalid community key', () => {
    expect(
      failure(
        buildCommunityPublicShardInfo({ communityPrivateKey: new Uint8Array(32), clock: 1, shard: SHARD }),
      )?.[0],
    ).toBe(ErrorCode.INVALID_KEY);
  });
});

describe('verifyCommunityPublicShardInfo (SG messenger_community_shard.go HandleCommunityPublicShardInfo)', () => {
  it('takes an announcement signed by the community key', () => {
    const info = unwrap(verifyCommunityPublicShardInfo(built(), { communityId: communityKey.compressed }));
    expect(info).toMatchObject({ clock: CLOCK, shard: SHARD, chainId: '0' });
  });

  it('reads a missing shard as undefined', () => {
    expect(unwrap(verifyCommunityPublicShardInfo(built({ shard: undefined }))).shard).toBeUndefined();
  });

  it('refuses an announcement for another community', () => {
    expect(failure(verifyCommunityPublicShardInfo(built(), { communityId: owner.compressed }))).toEqual([
      ErrorCode.INVALID_SHARD_INFO,
      'wrong-community',
    ]);
  });

  it('refuses an unsigned announcement', () => {
    const signed = unwrap(decodeProto(status.CommunityPublicShardInfo, built()));
    const unsigned = encodeProto(
      status.CommunityPublicShardInfo,
      status.CommunityPublicShardInfo.create({ payload: signed.payload }),
    );
    expect(failure(verifyCommunityPublicShardInfo(unsigned))).toEqual([
      ErrorCode.INVALID_SIGNATURE,
      'missing-signature',
    ]);
  });

  it('refuses an announcement signed by another key', () => {
    const bytes = forge(
      { clock: CLOCK, communityId: communityKey.compressed, shard: SHARD },
      owner.privateKey,
    );
    expect(failure(verifyCommunityPublicShardInfo(bytes))).toEqual([
      ErrorCode.WRONG_SIGNER,
      'not-community-owner',
    ]);
  });

  it('refuses a community ID that is not a key', () => {
    const bytes = forge({ clock: CLOCK, communityId: new Uint8Array(33), shard: SHARD });
    expect(failure(verifyCommunityPublicShardInfo(bytes))).toEqual([
      ErrorCode.INVALID_SHARD_INFO,
      'invalid-community-id',
    ]);
  });

  it('takes only a strictly newer clock than the stored one', () => {
    expect(failure(verifyCommunityPublicShardInfo(built(), { storedClock: CLOCK }))).toEqual([
      ErrorCode.INVALID_CLOCK,
      'outdated',
    ]);
    expect(verifyCommunityPublicShardInfo(built(), { storedClock: CLOCK - 1 }).ok).toBe(true);
  });

  describe('token-owned communities (chainId > 0)', () => {
    const owned = () =>
      forge(
        { clock: CLOCK, communityId: communityKey.compressed, shard: SHARD, chainId: bigIntToUint64(10n) },
        owner.privateKey,
      );

    it('need the on-chain owner looked up first', () => {
      expect(failure(verifyCommunityPublicShardInfo(owned()))).toEqual([
        ErrorCode.WRONG_SIGNER,
        'token-owner-unverified',
      ]);
    });

    it('take an announcement signed by that owner', () => {
      const info = unwrap(verifyCommunityPublicShardInfo(owned(), { tokenOwner: owner.publicKey }));
      expect(info.chainId).toBe('10');
    });

    it('refuse one signed by the community key instead', () => {
      expect(
        failure(verifyCommunityPublicShardInfo(built({ chainId: 10n }), { tokenOwner: owner.publicKey })),
      ).toEqual([ErrorCode.WRONG_SIGNER, 'not-community-owner']);
    });
  });

  it('ends random bytes in a typed error, never an exception', () => {
    const random = seededBytes(0x5a4d);
    for (let i = 0; i < 1000; i++) {
      const result = verifyCommunityPublicShardInfo(random(1 + (i % 120)));
      if (!result.ok) expect(Object.values(ErrorCode)).toContain(result.error.code);
    }
  });
});
