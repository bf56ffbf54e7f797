import { describe, expect, it } from '@jest/globals';
import {
  concatBytes,
  keccak256,
  personalSign,
  publicKeyFromPrivateKey,
  publicKeyToAddress,
} from '@status-communities/crypto';
import { ErrorCode } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { bigIntToUint64, status } from '@status-communities/proto';
import { validateEditSharedAddresses } from './request-to-join.js';
import { alice, communityKey, hex, owner, roundTrip, sampleInput, viewer } from './testing/fixtures.js';
import type { TestKey } from './testing/fixtures.js';

const wallet = hex('c3'.repeat(32));
const otherWallet = hex('c4'.repeat(32));
const description = roundTrip(sampleInput());

/** What GenerateEditCommunityRequestsForSigning has the wallet sign: keccak256(compressed key ‖ community ID). */
const signedAccount = (member: TestKey, walletKey: Uint8Array, signingWallet = walletKey) =>
  status.RevealedAccount.create({
    address: publicKeyToAddress(publicKeyFromPrivateKey(walletKey)),
    signature: personalSign(
      keccak256(concatBytes(member.compressed, communityKey.compressed)),
      signingWallet,
    ),
    chainIds: [bigIntToUint64(1n)],
  });

const edit = (accounts: status.RevealedAccount[], clock = 5n) =>
  status.CommunityEditSharedAddresses.create({
    clock: bigIntToUint64(clock),
    communityId: communityKey.compressed,
    revealedAccounts: accounts,
  });

const reason = (result: Result<unknown>, code: string): unknown => {
  expect(result.ok).toBe(false);
  if (result.ok) return undefined;
  expect(result.error.code).toBe(code);
  return result.error.details['reason'];
};

describe('validateEditSharedAddresses (SG manager.go HandleCommunityEditSharedAddresses)', () => {
  it("takes a member's accounts signed over keccak256(compressed key ‖ community ID)", () => {
    const accounts = [signedAccount(alice, wallet), signedAccount(alice, otherWallet)];
    const result = validateEditSharedAddresses(edit(accounts), alice.publicKey, {
      description,
      memberLastUpdateClock: 5n,
    });
    expect(result).toEqual({
      ok: true,
      value: { memberKey: alice.memberKey, clock: 5n, revealedAccounts: accounts },
    });
  });

  it('refuses the whole edit when one address did not sign, or signed for another member', () => {
    const forged = signedAccount(alice, wallet, otherWallet);
    expect(
      reason(
        validateEditSharedAddresses(edit([signedAccount(alice, otherWallet), forged]), alice.publicKey, {
          description,
          memberLastUpdateClock: 0n,
        }),
        ErrorCode.INVALID_SIGNATURE,
      ),
    ).toBe('revealed-account-mismatch');
    expect(
      reason(
        validateEditSharedAddresses(edit([signedAccount(owner, wallet)]), alice.publicKey, {
          description,
          memberLastUpdateClock: 0n,
        }),
        ErrorCode.INVALID_SIGNATURE,
      ),
    ).toBe('revealed-account-mismatch');
    const unreadable = status.RevealedAccount.create({
      ...signedAccount(alice, wallet),
      signature: new Uint8Array(3),
    });
    expect(
      reason(
        validateEditSharedAddresses(edit([unreadable]), alice.publicKey, {
          description,
          memberLastUpdateClock: 0n,
        }),
        ErrorCode.INVALID_SIGNATURE,
      ),
    ).toBe('unreadable-revealed-account-signature');
  });

  it('refuses non-members, older edits, empty edits and other communities', () => {
    expect(
      reason(
        validateEditSharedAddresses(edit([signedAccount(viewer, wallet)]), viewer.publicKey, {
          description,
          memberLastUpdateClock: undefined,
        }),
        ErrorCode.FORBIDDEN,
      ),
    ).toBe('not-a-member');
    expect(
      reason(
        validateEditSharedAddresses(edit([signedAccount(alice, wallet)], 4n), alice.publicKey, {
          description,
          memberLastUpdateClock: 5n,
        }),
        ErrorCode.INVALID_CLOCK,
      ),
    ).toBe('edit-older-than-member');
    expect(
      reason(
        validateEditSharedAddresses(edit([]), alice.publicKey, { description, memberLastUpdateClock: 0n }),
        ErrorCode.INVALID_REQUEST_TO_JOIN,
      ),
    ).toBe('no-revealed-accounts');
    expect(
      reason(
        validateEditSharedAddresses(
          status.CommunityEditSharedAddresses.create({
            ...edit([signedAccount(alice, wallet)]),
            communityId: owner.compressed,
          }),
          alice.publicKey,
          { description, memberLastUpdateClock: 0n },
        ),
        ErrorCode.INVALID_REQUEST_TO_JOIN,
      ),
    ).toBe('wrong-community');
  });
});
