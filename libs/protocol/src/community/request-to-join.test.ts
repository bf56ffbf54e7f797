import { describe, expect, it } from '@jest/globals';
import { bytesToHex, bytesToPrefixedHex, personalSignDigest } from '@status-communities/crypto';
import { ErrorCode } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { bigIntToUint64, decodeProto, encodeProto, status } from '@status-communities/proto';
import type { CommunityMemberModel } from './description-model.js';
import {
  MAX_AUTO_ACCEPT_MEMBERS,
  MAX_PENDING_REQUESTS_TO_JOIN,
  REQUEST_TO_JOIN_TIMEOUT_SECONDS,
  validateCancelRequestToJoin,
  validateRequestToJoin,
  validateRequestToLeave,
} from './request-to-join.js';
import type { MembershipView, RequestToJoinCommunityState } from './request-to-join.js';
import {
  requestToJoinId,
  revealedAccountMatches,
  revealedAccountMessage,
  signRevealedAccount,
} from './revealed-accounts.js';
import {
  COMMUNITY_ID,
  GENERAL,
  alice,
  channel,
  communityKey,
  hex,
  outsider,
  owner,
  roundTrip,
  sampleInput,
  seededBytes,
  vectors,
  viewer,
} from './testing/fixtures.js';

const rtj = vectors.requestToJoin;
const wallet = hex(rtj.wallet.private);
const otherWallet = hex('c4'.repeat(32));
const CLOCK = 1_700_000_000;
const NOW_MS = (CLOCK + 60) * 1000;

const reason = (result: Result<unknown>, code: string): unknown => {
  expect(result.ok).toBe(false);
  if (result.ok) return undefined;
  expect(result.error.code).toBe(code);
  return result.error.details['reason'];
};

describe('request ID and revealed-account message (status-wire vectors)', () => {
  it('hashes "<requester 0x04…>-<community 0x02…>" into the request ID', () => {
    const [requester, community] = rtj.requestIdInput.split('-') as [string, string];
    expect(requester).toBe(vectors.keys.member.uncompressed);
    expect(community).toBe(vectors.keys.community.compressed);
    expect(bytesToPrefixedHex(requestToJoinId(requester, community))).toBe(rtj.requestId);
  });

  it('lowercases both parts, the only spelling status-go renders', () => {
    const [requester, community] = rtj.requestIdInput.split('-') as [string, string];
    expect(bytesToPrefixedHex(requestToJoinId(requester.toUpperCase(), community.toUpperCase()))).toBe(
      rtj.requestId,
    );
  });

  it('hashes compressed requester || community ID || request ID into the signed message', () => {
    const message = revealedAccountMessage(
      hex(vectors.keys.member.compressed),
      hex(vectors.keys.community.compressed),
      hex(rtj.requestId),
    );
    expect(bytesToPrefixedHex(message)).toBe(rtj.revealedAccountHash);
    expect(bytesToHex(personalSignDigest(message))).toBe(rtj.personalSignDigest);
  });

  it('signs a revealed account exactly like the vector wallet (v 27/28, EIP-55 address)', () => {
    const account = signRevealedAccount({
      walletPrivateKey: wallet,
      requesterPublicKey: owner.compressed,
      communityId: communityKey.compressed,
      chainIds: [1n, 10n],
      isAirdropAddress: true,
    });
    expect(account.ok).toBe(true);
    if (!account.ok) return;
    expect(bytesToHex(account.value.signature)).toBe(rtj.personalSignature27);
    expect(account.value.address.toLowerCase()).toBe(rtj.wallet.address);
    expect(account.value.address).not.toBe(rtj.wallet.address);
    expect(account.value.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(account.value.isAirdropAddress).toBe(true);
    expect(account.value.chainIds.map(Number)).toEqual([1, 10]);
  });

  it('refuses to sign with an invalid wallet key or requester key', () => {
    const input = { requesterPublicKey: owner.publicKey, communityId: communityKey.compressed };
    expect(signRevealedAccount({ ...input, walletPrivateKey: new Uint8Array(32) }).ok).toBe(false);
    expect(
      signRevealedAccount({ ...input, walletPrivateKey: wallet, requesterPublicKey: new Uint8Array(33) }).ok,
    ).toBe(false);
  });
});

describe('revealedAccountMatches (SG account/accounts.go CanRecover)', () => {
  const message = hex(rtj.revealedAccountHash);
  const vectorAccount = { address: rtj.wallet.address, signature: hex(rtj.personalSignature27) };

  it('matches the vector signature to its address, in any case', () => {
    expect(revealedAccountMatches(vectorAccount, message)).toEqual({ ok: true, value: true });
    expect(
      revealedAccountMatches({ ...vectorAccount, address: rtj.wallet.address.toUpperCase() }, message),
    ).toEqual({
      ok: true,
      value: true,
    });
  });

  it('reports a different address as a mismatch', () => {
    const other = { ...vectorAccount, address: '0x' + '11'.repeat(20) };
    expect(revealedAccountMatches(other, message)).toEqual({ ok: true, value: false });
  });

  it('reports a malformed address as a mismatch', () => {
    expect(revealedAccountMatches({ ...vectorAccount, address: 'not an address' }, message)).toEqual({
      ok: true,
      value: false,
    });
  });

  it('cannot read v 0/1, as personal_ecRecover cannot', () => {
    const signature = hex(rtj.personalSignature27);
    signature[64] = (signature[64] ?? 27) - 27;
    expect(revealedAccountMatches({ ...vectorAccount, signature }, message).ok).toBe(false);
  });

  it('cannot read a missing signature', () => {
    expect(revealedAccountMatches({ address: rtj.wallet.address }, message).ok).toBe(false);
  });
});

/** `viewer` asks to join the sample community (owner, admin, token master, alice). */
const request = (overrides: Partial<status.CommunityRequestToJoin.$Properties> = {}, walletKey = wallet) => {
  const account = signRevealedAccount({
    walletPrivateKey: walletKey,
    requesterPublicKey: viewer.publicKey,
    communityId: communityKey.compressed,
  });
  if (!account.ok) throw account.error;
  return status.CommunityRequestToJoin.create({
    clock: CLOCK,
    communityId: communityKey.compressed,
    revealedAccounts: [account.value],
    ...overrides,
  });
};

const state = (
  overrides: Partial<RequestToJoinCommunityState> = {},
  description: MembershipView = roundTrip(sampleInput()),
): RequestToJoinCommunityState => ({ description, pendingCount: 0, nowMs: NOW_MS, ...overrides });

const manual = (): MembershipView =>
  roundTrip(sampleInput({ permissions: { access: 'MANUAL_ACCEPT', ensOnly: false, private: false } }));

describe('validateRequestToJoin (SG community.go ValidateRequestToJoin, manager.go HandleCommunityRequestToJoin)', () => {
  it('accepts at once in an AUTO_ACCEPT community and returns the request ID', () => {
    const result = validateRequestToJoin(request(), viewer.publicKey, state());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      decision: 'accept',
      reason: 'auto-accept',
      switchToManualAccept: false,
    });
    expect(bytesToPrefixedHex(result.value.requestId)).toBe(
      bytesToPrefixedHex(requestToJoinId(viewer.memberKey, COMMUNITY_ID)),
    );
  });

  it('leaves the request pending in a MANUAL_ACCEPT community', () => {
    const result = validateRequestToJoin(request(), viewer.publicKey, state({}, manual()));
    expect(result.ok && result.value).toMatchObject({ decision: 'pending', reason: 'manual-accept' });
  });

  it('accepts an existing member even in a MANUAL_ACCEPT community (re-join after a lost leave)', () => {
    const account = signRevealedAccount({
      walletPrivateKey: wallet,
      requesterPublicKey: alice.publicKey,
      communityId: communityKey.compressed,
    });
    if (!account.ok) throw account.error;
    const result = validateRequestToJoin(
      request({ revealedAccounts: [account.value] }),
      alice.publicKey,
      state({}, manual()),
    );
    expect(result.ok && result.value).toMatchObject({ decision: 'accept', reason: 'already-member' });
  });

  describe(`at ${MAX_AUTO_ACCEPT_MEMBERS} members an AUTO_ACCEPT community turns MANUAL_ACCEPT`, () => {
    const crowded = (): MembershipView => {
      const model = roundTrip(sampleInput());
      const members = new Map<string, CommunityMemberModel>(model.members);
      for (let i = 0; members.size < MAX_AUTO_ACCEPT_MEMBERS; i++) {
        const key = '0x04' + i.toString(16).padStart(128, '0');
        members.set(key, { publicKey: key, roles: [], channelRole: 'POSTER', lastUpdateClock: 0 });
      }
      return { ...model, members };
    };

    it('a newcomer then waits, and the community is to be switched', () => {
      const result = validateRequestToJoin(request(), viewer.publicKey, state({}, crowded()));
      expect(result.ok && result.value).toMatchObject({
        decision: 'pending',
        reason: 'member-limit-reached',
        switchToManualAccept: true,
      });
    });

    it('one member fewer still auto-accepts', () => {
      const model = crowded();
      const members = new Map(model.members);
      members.delete([...members.keys()].at(-1) ?? '');
      const result = validateRequestToJoin(request(), viewer.publicKey, state({}, { ...model, members }));
      expect(result.ok && result.value).toMatchObject({ decision: 'accept', switchToManualAccept: false });
    });
  });

  it('declines when a revealed address does not match its signature', () => {
    const account = signRevealedAccount({
      walletPrivateKey: otherWallet,
      requesterPublicKey: viewer.publicKey,
      communityId: communityKey.compressed,
    });
    if (!account.ok) throw account.error;
    const forged = status.RevealedAccount.create({ ...account.value, address: rtj.wallet.address });
    const result = validateRequestToJoin(
      request({ revealedAccounts: [request().revealedAccounts[0]!, forged] }),
      viewer.publicKey,
      state(),
    );
    expect(result.ok && result.value).toMatchObject({
      decision: 'decline',
      reason: 'revealed-account-mismatch',
    });
  });

  it('declines a signature made for another requester', () => {
    const result = validateRequestToJoin(
      request(),
      outsider.publicKey,
      state({ description: roundTrip(sampleInput()) }),
    );
    expect(result.ok && result.value.decision).toBe('decline');
  });

  it('drops a request without revealed accounts', () => {
    expect(
      reason(
        validateRequestToJoin(request({ revealedAccounts: [] }), viewer.publicKey, state()),
        ErrorCode.INVALID_REQUEST_TO_JOIN,
      ),
    ).toBe('no-revealed-accounts');
  });

  it('drops a request whose signature personal_ecRecover cannot read', () => {
    const bad = request();
    const signature = bad.revealedAccounts[0]?.signature ?? new Uint8Array(65);
    signature[64] = 0;
    expect(
      reason(validateRequestToJoin(bad, viewer.publicKey, state()), ErrorCode.INVALID_REQUEST_TO_JOIN),
    ).toBe('unreadable-revealed-account-signature');
  });

  it('drops a request for another community, or for none', () => {
    expect(
      reason(
        validateRequestToJoin(request({ communityId: owner.compressed }), viewer.publicKey, state()),
        ErrorCode.INVALID_REQUEST_TO_JOIN,
      ),
    ).toBe('wrong-community');
    expect(
      reason(
        validateRequestToJoin(request({ communityId: new Uint8Array(0) }), viewer.publicKey, state()),
        ErrorCode.INVALID_REQUEST_TO_JOIN,
      ),
    ).toBe('missing-community-id');
  });

  it('drops a request whose signer is not a key', () => {
    expect(
      reason(
        validateRequestToJoin(request(), new Uint8Array(65), state()),
        ErrorCode.INVALID_REQUEST_TO_JOIN,
      ),
    ).toBe('invalid-signer');
  });

  describe('ens_only', () => {
    const ensOnly = () =>
      roundTrip(sampleInput({ permissions: { access: 'AUTO_ACCEPT', ensOnly: true, private: false } }));

    it('drops a request without an ENS name', () => {
      expect(
        reason(
          validateRequestToJoin(request(), viewer.publicKey, state({}, ensOnly())),
          ErrorCode.INVALID_REQUEST_TO_JOIN,
        ),
      ).toBe('ens-name-required');
    });

    it('takes a request with one', () => {
      expect(
        validateRequestToJoin(
          request({ ensName: 'viewer.stateofus.eth' }),
          viewer.publicKey,
          state({}, ensOnly()),
        ).ok,
      ).toBe(true);
    });
  });

  describe('requests naming a channel (SG community.go validateRequestToJoinWithChatID)', () => {
    const withManualChannel = () =>
      roundTrip(
        sampleInput({
          channels: new Map([
            [
              GENERAL,
              channel(GENERAL, { permissions: { access: 'MANUAL_ACCEPT', ensOnly: true, private: false } }),
            ],
          ]),
        }),
      );

    it('drops a request for an unknown channel', () => {
      expect(
        reason(
          validateRequestToJoin(request({ chatId: 'nope' }), viewer.publicKey, state()),
          ErrorCode.INVALID_REQUEST_TO_JOIN,
        ),
      ).toBe('unknown-channel');
    });

    it('drops a request for a channel that is not MANUAL_ACCEPT', () => {
      expect(
        reason(
          validateRequestToJoin(request({ chatId: GENERAL }), viewer.publicKey, state()),
          ErrorCode.INVALID_REQUEST_TO_JOIN,
        ),
      ).toBe('channel-not-requestable');
    });

    it("applies the channel's ens_only", () => {
      expect(
        reason(
          validateRequestToJoin(
            request({ chatId: GENERAL }),
            viewer.publicKey,
            state({}, withManualChannel()),
          ),
          ErrorCode.INVALID_REQUEST_TO_JOIN,
        ),
      ).toBe('ens-name-required');
      expect(
        validateRequestToJoin(
          request({ chatId: GENERAL, ensName: 'v.eth' }),
          viewer.publicKey,
          state({}, withManualChannel()),
        ).ok,
      ).toBe(true);
    });

    it('still refuses a banned requester (status-go skips that check here; we do not)', () => {
      const model = withManualChannel();
      const banned = { ...model, bannedMembers: new Map([[viewer.memberKey, { deleteAllMessages: false }]]) };
      expect(
        reason(
          validateRequestToJoin(
            request({ chatId: GENERAL, ensName: 'v.eth' }),
            viewer.publicKey,
            state({}, banned),
          ),
          ErrorCode.FORBIDDEN,
        ),
      ).toBe('banned');
    });
  });

  it('drops requests to a community that does not take them (INVITATION_ONLY)', () => {
    const closed = roundTrip(
      sampleInput({ permissions: { access: 'INVITATION_ONLY', ensOnly: false, private: false } }),
    );
    expect(
      reason(
        validateRequestToJoin(request(), viewer.publicKey, state({}, closed)),
        ErrorCode.INVALID_REQUEST_TO_JOIN,
      ),
    ).toBe('access-not-requestable');
  });

  it('refuses a requester banned in the description', () => {
    const model = roundTrip(
      sampleInput({ bannedMembers: new Map([[viewer.memberKey, { deleteAllMessages: true }]]) }),
    );
    expect(
      reason(validateRequestToJoin(request(), viewer.publicKey, state({}, model)), ErrorCode.FORBIDDEN),
    ).toBe('banned');
  });

  it('refuses a requester banned outside the description', () => {
    expect(
      reason(
        validateRequestToJoin(
          request(),
          viewer.publicKey,
          state({ bannedKeys: [viewer.memberKey.toUpperCase()] }),
        ),
        ErrorCode.FORBIDDEN,
      ),
    ).toBe('banned');
  });

  it('checks the ban before the expiry', () => {
    const expired = {
      bannedKeys: [viewer.memberKey],
      nowMs: (CLOCK + REQUEST_TO_JOIN_TIMEOUT_SECONDS) * 1000,
    };
    expect(
      reason(validateRequestToJoin(request(), viewer.publicKey, state(expired)), ErrorCode.FORBIDDEN),
    ).toBe('banned');
  });

  it('refuses a request 7 days old, and takes one a second younger', () => {
    const deadline = (CLOCK + REQUEST_TO_JOIN_TIMEOUT_SECONDS) * 1000;
    expect(
      reason(
        validateRequestToJoin(request(), viewer.publicKey, state({ nowMs: deadline })),
        ErrorCode.INVALID_CLOCK,
      ),
    ).toBe('expired');
    expect(validateRequestToJoin(request(), viewer.publicKey, state({ nowMs: deadline - 1 })).ok).toBe(true);
  });

  it('refuses a clock that does not fit an int64', () => {
    const clock = bigIntToUint64(2n ** 63n);
    expect(
      reason(validateRequestToJoin(request({ clock }), viewer.publicKey, state()), ErrorCode.INVALID_CLOCK),
    ).toBe('clock-out-of-range');
  });

  it(`drops requests once ${MAX_PENDING_REQUESTS_TO_JOIN} are pending`, () => {
    expect(
      reason(
        validateRequestToJoin(
          request(),
          viewer.publicKey,
          state({ pendingCount: MAX_PENDING_REQUESTS_TO_JOIN }),
        ),
        ErrorCode.INVALID_REQUEST_TO_JOIN,
      ),
    ).toBe('too-many-pending');
    expect(
      validateRequestToJoin(
        request(),
        viewer.publicKey,
        state({ pendingCount: MAX_PENDING_REQUESTS_TO_JOIN - 1 }),
      ).ok,
    ).toBe(true);
  });

  it('keeps a decline for 7 days after the declined request', () => {
    const declined = { declinedRequestClock: CLOCK - REQUEST_TO_JOIN_TIMEOUT_SECONDS + 1 };
    expect(
      reason(validateRequestToJoin(request(), viewer.publicKey, state(declined)), ErrorCode.FORBIDDEN),
    ).toBe('declined-recently');
    const lapsed = { declinedRequestClock: CLOCK - REQUEST_TO_JOIN_TIMEOUT_SECONDS };
    expect(validateRequestToJoin(request(), viewer.publicKey, state(lapsed)).ok).toBe(true);
  });

  it('ends random request bytes in a typed error or a verdict, never an exception', () => {
    const random = seededBytes(0x5eed);
    for (let i = 0; i < 1000; i++) {
      const decoded = decodeProto(status.CommunityRequestToJoin, random(1 + (i % 80)));
      if (!decoded.ok) {
        expect(decoded.error.code).toBe(ErrorCode.MALFORMED_PROTOBUF);
        continue;
      }
      const result = validateRequestToJoin(decoded.value, viewer.publicKey, state());
      if (!result.ok) expect(typeof result.error.details['reason']).toBe('string');
    }
  });

  it('reads its own encoded request back to the same verdict', () => {
    const bytes = encodeProto(status.CommunityRequestToJoin, request());
    const decoded = decodeProto(status.CommunityRequestToJoin, bytes);
    expect(decoded.ok && validateRequestToJoin(decoded.value, viewer.publicKey, state()).ok).toBe(true);
  });
});

describe('validateCancelRequestToJoin (SG manager.go HandleCommunityCancelRequestToJoin)', () => {
  const cancel = (overrides: Partial<status.CommunityCancelRequestToJoin.$Properties> = {}) =>
    status.CommunityCancelRequestToJoin.create({
      clock: 1_700_000_000_000,
      communityId: communityKey.compressed,
      ...overrides,
    });
  const description = roundTrip(sampleInput());

  it('takes a cancel after a pending request; nothing to remove for a non-member', () => {
    const result = validateCancelRequestToJoin(cancel(), viewer.publicKey, {
      description,
      requestClock: CLOCK,
    });
    expect(result).toEqual({ ok: true, value: { removeMember: false, memberKey: viewer.memberKey } });
  });

  it('removes a requester who was already accepted', () => {
    const result = validateCancelRequestToJoin(cancel(), alice.publicKey, {
      description,
      requestClock: CLOCK,
    });
    expect(result.ok && result.value.removeMember).toBe(true);
  });

  it('refuses a cancel without a request to cancel', () => {
    expect(
      reason(
        validateCancelRequestToJoin(cancel(), viewer.publicKey, { description }),
        ErrorCode.INVALID_REQUEST_TO_JOIN,
      ),
    ).toBe('no-request-to-join');
  });

  it('refuses a cancel whose clock is not after the request', () => {
    expect(
      reason(
        validateCancelRequestToJoin(cancel({ clock: CLOCK }), viewer.publicKey, {
          description,
          requestClock: CLOCK,
        }),
        ErrorCode.INVALID_CLOCK,
      ),
    ).toBe('clock-not-after-request');
  });

  it('refuses a cancel for another community or none', () => {
    const requestClock = CLOCK;
    expect(
      reason(
        validateCancelRequestToJoin(cancel({ communityId: owner.compressed }), viewer.publicKey, {
          description,
          requestClock,
        }),
        ErrorCode.INVALID_REQUEST_TO_JOIN,
      ),
    ).toBe('wrong-community');
    expect(
      reason(
        validateCancelRequestToJoin(cancel({ communityId: new Uint8Array() }), viewer.publicKey, {
          description,
          requestClock,
        }),
        ErrorCode.INVALID_REQUEST_TO_JOIN,
      ),
    ).toBe('missing-community-id');
  });
});

describe('validateRequestToLeave (SG manager.go HandleCommunityRequestToLeave)', () => {
  const leave = (overrides: Partial<status.CommunityRequestToLeave.$Properties> = {}) =>
    status.CommunityRequestToLeave.create({
      clock: CLOCK + 100,
      communityId: communityKey.compressed,
      ...overrides,
    });
  const description = roundTrip(sampleInput());

  it('removes a member who leaves', () => {
    expect(validateRequestToLeave(leave(), alice.publicKey, { description, requestClock: CLOCK })).toEqual({
      ok: true,
      value: { removeMember: true, memberKey: alice.memberKey },
    });
  });

  it('changes nothing for someone who is not a member', () => {
    const result = validateRequestToLeave(leave(), viewer.publicKey, { description, requestClock: CLOCK });
    expect(result.ok && result.value.removeMember).toBe(false);
  });

  it('takes a leave with the same clock as the request', () => {
    expect(
      validateRequestToLeave(leave({ clock: CLOCK }), alice.publicKey, { description, requestClock: CLOCK })
        .ok,
    ).toBe(true);
  });

  it('refuses a leave older than the request to join', () => {
    expect(
      reason(
        validateRequestToLeave(leave({ clock: CLOCK - 1 }), alice.publicKey, {
          description,
          requestClock: CLOCK,
        }),
        ErrorCode.INVALID_CLOCK,
      ),
    ).toBe('clock-not-after-request');
  });

  it('refuses a leave without a stored request to join', () => {
    expect(
      reason(
        validateRequestToLeave(leave(), alice.publicKey, { description }),
        ErrorCode.INVALID_REQUEST_TO_JOIN,
      ),
    ).toBe('no-request-to-join');
  });

  it('refuses a leave for another community', () => {
    expect(
      reason(
        validateRequestToLeave(leave({ communityId: owner.compressed }), alice.publicKey, {
          description,
          requestClock: CLOCK,
        }),
        ErrorCode.INVALID_REQUEST_TO_JOIN,
      ),
    ).toBe('wrong-community');
  });

  it('refuses a leave signed by something that is not a key', () => {
    expect(
      reason(
        validateRequestToLeave(leave(), new Uint8Array(33), { description, requestClock: CLOCK }),
        ErrorCode.INVALID_REQUEST_TO_JOIN,
      ),
    ).toBe('invalid-signer');
  });
});

describe('cancel and leave from random bytes', () => {
  it('end in a typed error or a result, never an exception', () => {
    const random = seededBytes(0x1eaf);
    const description = roundTrip(sampleInput());
    for (let i = 0; i < 1000; i++) {
      const bytes = random(1 + (i % 60));
      const cancel = decodeProto(status.CommunityCancelRequestToJoin, bytes);
      const leave = decodeProto(status.CommunityRequestToLeave, bytes);
      for (const result of [
        cancel.ok
          ? validateCancelRequestToJoin(cancel.value, alice.publicKey, { description, requestClock: CLOCK })
          : cancel,
        leave.ok
          ? validateRequestToLeave(leave.value, alice.publicKey, { description, requestClock: CLOCK })
          : leave,
      ])
        if (!result.ok) expect(Object.values(ErrorCode)).toContain(result.error.code);
    }
  });
});
