import { describe, expect, it } from '@jest/globals';
import { concatBytes, keccak256, sign } from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { decodeProto, encodeProto, status, uint64ToNumber } from '@status-communities/proto';
import { GRANT_EXPIRATION_MS, buildCommunityGrant, verifyCommunityGrant } from './grants.js';
import { alice, communityKey, owner, seededBytes } from './testing/fixtures.js';

const NOW = 1_700_000_000_000;
const CLOCK = 1_699_999_999_000;

const grant = (chatId?: string) =>
  unwrap(
    buildCommunityGrant({
      communityPrivateKey: communityKey.privateKey,
      memberPublicKey: alice.publicKey,
      clock: CLOCK,
      nowMs: NOW,
      ...(chatId === undefined ? {} : { chatId }),
    }),
  );

const check = { communityId: communityKey.compressed, controlNode: communityKey.publicKey, nowMs: NOW };

/** A grant with chosen fields, signed by `signer` (default: the community key). */
const forge = (fields: status.Grant.$Properties, signer = communityKey.privateKey): Uint8Array => {
  const payload = encodeProto(status.Grant, status.Grant.create(fields));
  return concatBytes(sign(keccak256(payload), signer), payload);
};

const valid: status.Grant.$Properties = {
  communityId: communityKey.compressed,
  memberId: alice.compressed,
  clock: CLOCK,
  expires: NOW + 1,
};

const failure = (result: Result<unknown>): [string, unknown] | undefined =>
  result.ok ? undefined : [result.error.code, result.error.details['reason']];

describe('buildCommunityGrant (SG community.go buildGrant)', () => {
  it('is signature(65) || Grant, signed over keccak256(Grant) by the community key', () => {
    const bytes = grant();
    const decoded = unwrap(decodeProto(status.Grant, bytes.subarray(65)));
    expect(Buffer.from(decoded.communityId ?? []).equals(Buffer.from(communityKey.compressed))).toBe(true);
    expect(Buffer.from(decoded.memberId ?? []).equals(Buffer.from(alice.compressed))).toBe(true);
    expect(decoded.chatId ?? '').toBe('');
    expect(uint64ToNumber(decoded.clock)).toBe(CLOCK);
    expect(uint64ToNumber(decoded.expires)).toBe(NOW + GRANT_EXPIRATION_MS);
    expect(
      Buffer.from(bytes.subarray(0, 65)).equals(
        Buffer.from(sign(keccak256(bytes.subarray(65)), communityKey.privateKey)),
      ),
    ).toBe(true);
  });

  it('lasts 168 hours', () => {
    expect(GRANT_EXPIRATION_MS).toBe(7 * 24 * 3600 * 1000);
  });

  it('carries a channel chat ID when given', () => {
    const verified = unwrap(verifyCommunityGrant(grant('0x03abc'), check));
    expect(verified.chatId).toBe('0x03abc');
  });

  it('refuses an invalid community key or member key', () => {
    const input = { memberPublicKey: alice.publicKey, clock: CLOCK, nowMs: NOW };
    expect(failure(buildCommunityGrant({ ...input, communityPrivateKey: new Uint8Array(32) }))?.[0]).toBe(
      ErrorCode.INVALID_KEY,
    );
    expect(
      failure(
        buildCommunityGrant({
          ...input,
          communityPrivateKey: communityKey.privateKey,
          memberPublicKey: new Uint8Array(33),
        }),
      )?.[0],
    ).toBe(ErrorCode.INVALID_KEY);
  });
});

describe('verifyCommunityGrant (SG community.go VerifyGrantSignature)', () => {
  it('takes a grant built by the control node, and returns its fields', () => {
    const verified = unwrap(verifyCommunityGrant(grant(), { ...check, member: alice.publicKey }));
    expect(verified.clock).toBe(CLOCK);
    expect(verified.expiresMs).toBe(NOW + GRANT_EXPIRATION_MS);
    expect(Buffer.from(verified.memberId).equals(Buffer.from(alice.compressed))).toBe(true);
  });

  it('takes a grant that expires exactly now', () => {
    expect(verifyCommunityGrant(forge({ ...valid, expires: NOW }), check).ok).toBe(true);
  });

  it('refuses 65 bytes or fewer', () => {
    expect(failure(verifyCommunityGrant(grant().subarray(0, 65), check))).toEqual([
      ErrorCode.INVALID_GRANT,
      'too-short',
    ]);
  });

  it('refuses a body that is not a Grant', () => {
    const bytes = concatBytes(new Uint8Array(65), new Uint8Array([0x0a, 0x05, 0x01]));
    expect(failure(verifyCommunityGrant(bytes, check))?.[0]).toBe(ErrorCode.MALFORMED_PROTOBUF);
  });

  it('refuses clock 0', () => {
    expect(failure(verifyCommunityGrant(forge({ ...valid, clock: 0 }), check))).toEqual([
      ErrorCode.INVALID_GRANT,
      'zero-clock',
    ]);
  });

  it('refuses a grant without member', () => {
    expect(failure(verifyCommunityGrant(forge({ ...valid, memberId: new Uint8Array() }), check))).toEqual([
      ErrorCode.INVALID_GRANT,
      'missing-member',
    ]);
  });

  it('refuses a grant for another community', () => {
    expect(failure(verifyCommunityGrant(forge({ ...valid, communityId: owner.compressed }), check))).toEqual([
      ErrorCode.INVALID_GRANT,
      'wrong-community',
    ]);
  });

  it('refuses an expired grant', () => {
    expect(failure(verifyCommunityGrant(forge({ ...valid, expires: NOW - 1 }), check))).toEqual([
      ErrorCode.INVALID_GRANT,
      'expired',
    ]);
  });

  it('refuses a grant signed by another key', () => {
    expect(failure(verifyCommunityGrant(forge(valid, owner.privateKey), check))).toEqual([
      ErrorCode.WRONG_SIGNER,
      'not-control-node',
    ]);
  });

  it('takes a grant signed by a control node other than the community key', () => {
    expect(
      verifyCommunityGrant(forge(valid, owner.privateKey), { ...check, controlNode: owner.compressed }).ok,
    ).toBe(true);
  });

  it('refuses a signature that does not recover', () => {
    const bytes = grant();
    bytes[64] = 7;
    expect(failure(verifyCommunityGrant(bytes, check))?.[0]).toBe(ErrorCode.INVALID_SIGNATURE);
  });

  it('refuses a grant for another member when a member is expected', () => {
    expect(failure(verifyCommunityGrant(grant(), { ...check, member: owner.publicKey }))).toEqual([
      ErrorCode.INVALID_GRANT,
      'wrong-member',
    ]);
  });

  it('ends random bytes in a typed error, never an exception', () => {
    const random = seededBytes(0x6a7);
    for (let i = 0; i < 1000; i++) {
      const result = verifyCommunityGrant(random(i % 140), check);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(Object.values(ErrorCode)).toContain(result.error.code);
    }
  });
});
