import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { status } from '@status-communities/proto';
import { buildCommunityDescription } from './description-builder.js';
import {
  acceptCommunityDescription,
  resolveDescriptionCommunityId,
  validateCommunityDescription,
} from './description-validation.js';
import {
  ANNOUNCEMENTS,
  COMMUNITY_ID,
  GENERAL,
  alice,
  communityKey,
  outsider,
  owner,
  sampleInput,
  signerOf,
} from './testing/fixtures.js';

const sample = (): status.CommunityDescription => buildCommunityDescription(sampleInput());

const withChat = (
  description: status.CommunityDescription,
  uuid: string,
  chat: status.CommunityChat.$Properties,
): status.CommunityDescription => {
  description.chats = { ...description.chats, [uuid]: chat };
  return description;
};

const expectFailure = (result: Result<unknown>, code: string, reason: string) => {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  expect(result.error.details['reason']).toBe(reason);
};

describe('validateCommunityDescription (SG validator.go)', () => {
  it('accepts a well-formed description', () => {
    expect(validateCommunityDescription(sample()).ok).toBe(true);
  });

  it('refuses a missing description', () => {
    expectFailure(
      validateCommunityDescription(undefined),
      ErrorCode.INVALID_DESCRIPTION,
      'missing-description',
    );
  });

  it('refuses a description without permissions', () => {
    const description = sample();
    description.permissions = null;
    expectFailure(
      validateCommunityDescription(description),
      ErrorCode.INVALID_DESCRIPTION,
      'missing-permissions',
    );
  });

  it('refuses UNKNOWN_ACCESS for the community', () => {
    const description = sample();
    description.permissions = { access: status.CommunityPermissions.Access.UNKNOWN_ACCESS };
    expectFailure(validateCommunityDescription(description), ErrorCode.INVALID_DESCRIPTION, 'unknown-access');
  });

  it('accepts the deprecated INVITATION_ONLY access (only UNKNOWN is refused)', () => {
    const description = sample();
    description.permissions = { access: status.CommunityPermissions.Access.INVITATION_ONLY };
    expect(validateCommunityDescription(description).ok).toBe(true);
  });

  it('refuses unknown or repeated tags (receivers normalize them first)', () => {
    const description = sample();
    description.tags = ['Art', 'Art'];
    expectFailure(validateCommunityDescription(description), ErrorCode.INVALID_DESCRIPTION, 'invalid-tags');
    description.tags = ['Cats'];
    expectFailure(validateCommunityDescription(description), ErrorCode.INVALID_DESCRIPTION, 'invalid-tags');
  });

  it('refuses a category without id', () => {
    const description = sample();
    description.categories = { c: { categoryId: '', name: 'x' } };
    expectFailure(
      validateCommunityDescription(description),
      ErrorCode.INVALID_DESCRIPTION,
      'category-without-id',
    );
  });

  it('refuses a category without name', () => {
    const description = sample();
    description.categories = { c: { categoryId: 'c', name: '' } };
    expectFailure(
      validateCommunityDescription(description),
      ErrorCode.INVALID_DESCRIPTION,
      'category-without-name',
    );
  });

  it('refuses a channel without permissions', () => {
    const description = withChat(sample(), 'x', { identity: { displayName: 'x' } });
    expectFailure(
      validateCommunityDescription(description),
      ErrorCode.INVALID_DESCRIPTION,
      'chat-without-permissions',
    );
  });

  it('refuses a channel with UNKNOWN_ACCESS', () => {
    const description = withChat(sample(), 'x', { permissions: {}, identity: { displayName: 'x' } });
    expectFailure(
      validateCommunityDescription(description),
      ErrorCode.INVALID_DESCRIPTION,
      'chat-unknown-access',
    );
  });

  it('refuses a channel in a category that does not exist', () => {
    const description = withChat(sample(), 'x', {
      permissions: { access: 1 },
      identity: { displayName: 'x' },
      categoryId: 'nope',
    });
    expectFailure(
      validateCommunityDescription(description),
      ErrorCode.INVALID_DESCRIPTION,
      'chat-unknown-category',
    );
  });

  it('does not read a category id such as "toString" from the object prototype', () => {
    const description = withChat(sample(), 'x', {
      permissions: { access: 1 },
      identity: { displayName: 'x' },
      categoryId: 'toString',
    });
    expectFailure(
      validateCommunityDescription(description),
      ErrorCode.INVALID_DESCRIPTION,
      'chat-unknown-category',
    );
  });

  it('refuses a channel without identity', () => {
    const description = withChat(sample(), 'x', { permissions: { access: 1 } });
    expectFailure(
      validateCommunityDescription(description),
      ErrorCode.INVALID_DESCRIPTION,
      'chat-without-identity',
    );
  });

  it('refuses a channel member who is not a community member', () => {
    const description = withChat(sample(), 'x', {
      permissions: { access: 1 },
      identity: { displayName: 'x' },
      members: { [outsider.memberKey]: {} },
    });
    const result = validateCommunityDescription(description);
    expectFailure(result, ErrorCode.INVALID_DESCRIPTION, 'chat-member-not-in-community');
    if (!result.ok) expect(result.error.details['member']).toBe(outsider.memberKey);
  });

  it('accepts channel members who are community members', () => {
    const description = withChat(sample(), 'x', {
      permissions: { access: 1 },
      identity: { displayName: 'x' },
      members: { [alice.memberKey]: {} },
    });
    expect(validateCommunityDescription(description).ok).toBe(true);
  });

  it('reports the first problem in key order, deterministically', () => {
    const description = sample();
    description.chats = {
      b: { identity: { displayName: 'b' } },
      a: { permissions: { access: 1 } },
    };
    const result = validateCommunityDescription(description);
    expectFailure(result, ErrorCode.INVALID_DESCRIPTION, 'chat-without-identity');
    if (!result.ok) expect(result.error.details['channel']).toBe('a');
  });
});

describe('resolveDescriptionCommunityId (SG manager.go HandleCommunityDescriptionMessage)', () => {
  it('uses the ID field when present', () => {
    const result = resolveDescriptionCommunityId(sample(), outsider.publicKey);
    expect(result.ok && result.value.communityId).toBe(COMMUNITY_ID);
  });

  it('derives the ID from the signer for old descriptions without one', () => {
    const description = sample();
    description.ID = '';
    const result = resolveDescriptionCommunityId(description, communityKey.publicKey);
    expect(result.ok && result.value.communityId).toBe(COMMUNITY_ID);
    expect(
      result.ok && Buffer.from(result.value.communityKey).equals(Buffer.from(communityKey.compressed)),
    ).toBe(true);
  });

  it.each([
    ['no 0x prefix', COMMUNITY_ID.slice(2)],
    ['not hex', '0x' + 'zz'.repeat(33)],
    ['wrong length', COMMUNITY_ID + '00'],
    ['uncompressed key', '0x' + '04'.repeat(33)],
  ])('refuses an ID with %s', (_label, id) => {
    const description = sample();
    description.ID = id;
    expectFailure(
      resolveDescriptionCommunityId(description, communityKey.publicKey),
      ErrorCode.INVALID_DESCRIPTION,
      'invalid-community-id',
    );
  });
});

describe('acceptCommunityDescription', () => {
  const signedBy = (description: status.CommunityDescription, key = communityKey) =>
    signerOf(description, key);

  it('takes a first-seen description signed by the community key', () => {
    const description = sample();
    const result = acceptCommunityDescription({ description, signer: signedBy(description) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.outcome).toBe('new');
    expect(result.value.communityId).toBe(COMMUNITY_ID);
    expect(result.value.clock).toBe(1_700_000_000_000);
    expect(Buffer.from(result.value.controlNode).equals(Buffer.from(communityKey.publicKey))).toBe(true);
  });

  it('takes a first-seen description without ID signed by the key it then names', () => {
    const description = sample();
    description.ID = '';
    const result = acceptCommunityDescription({ description, signer: signedBy(description) });
    expect(result.ok && result.value.communityId).toBe(COMMUNITY_ID);
  });

  it('refuses a first-seen description signed by another key (no ID squatting)', () => {
    const description = sample();
    expectFailure(
      acceptCommunityDescription({ description, signer: signedBy(description, owner) }),
      ErrorCode.WRONG_SIGNER,
      'not-community-key',
    );
  });

  it('takes a newer description from the stored control node', () => {
    const description = sample();
    const result = acceptCommunityDescription({
      description,
      signer: signedBy(description),
      stored: { clock: 1_600_000_000_000, controlNode: communityKey.compressed },
    });
    expect(result.ok && result.value.outcome).toBe('newer');
  });

  it('reports the stored clock again as a same-clock no-op', () => {
    const description = sample();
    const result = acceptCommunityDescription({
      description,
      signer: signedBy(description),
      stored: { clock: 1_700_000_000_000, controlNode: communityKey.publicKey },
    });
    expect(result.ok && result.value.outcome).toBe('same-clock');
  });

  it('refuses an older clock', () => {
    const description = sample();
    expectFailure(
      acceptCommunityDescription({
        description,
        signer: signedBy(description),
        stored: { clock: 1_700_000_000_001, controlNode: communityKey.publicKey },
      }),
      ErrorCode.INVALID_CLOCK,
      'outdated',
    );
  });

  it('refuses the community key once the stored control node is another key', () => {
    const description = sample();
    expectFailure(
      acceptCommunityDescription({
        description,
        signer: signedBy(description),
        stored: { clock: 1, controlNode: owner.publicKey },
      }),
      ErrorCode.WRONG_SIGNER,
      'not-control-node',
    );
  });

  it('refuses a clock beyond 2^53', () => {
    const description = sample();
    description.clock = Number.MAX_SAFE_INTEGER + 2;
    expectFailure(
      acceptCommunityDescription({ description, signer: signedBy(description) }),
      ErrorCode.INVALID_CLOCK,
      'uint64-overflow',
    );
  });

  it('refuses a signer that is not a key', () => {
    const description = sample();
    expectFailure(
      acceptCommunityDescription({ description, signer: new Uint8Array(65) }),
      ErrorCode.WRONG_SIGNER,
      'invalid-signer',
    );
  });

  describe('token-owned communities (BECOME_TOKEN_OWNER with a chain)', () => {
    const tokenOwned = () => {
      const description = sample();
      description.tokenPermissions = {
        owner: {
          id: 'owner',
          type: status.CommunityTokenPermission.Type.BECOME_TOKEN_OWNER,
          tokenCriteria: [{ contractAddresses: { '10': '0x0000000000000000000000000000000000000001' } }],
        },
      };
      return description;
    };

    it('waits for an on-chain verification of a first-seen one', () => {
      const description = tokenOwned();
      expectFailure(
        acceptCommunityDescription({ description, signer: signedBy(description) }),
        ErrorCode.WRONG_SIGNER,
        'token-owner-unverified',
      );
    });

    it('takes one signed by the verified owner, who becomes the control node', () => {
      const description = tokenOwned();
      const result = acceptCommunityDescription({
        description,
        signer: signedBy(description, owner),
        stored: { clock: 1, controlNode: communityKey.publicKey },
        verifiedTokenOwner: owner.compressed,
      });
      expect(result.ok).toBe(true);
      if (result.ok)
        expect(Buffer.from(result.value.controlNode).equals(Buffer.from(owner.publicKey))).toBe(true);
    });

    it('refuses one not signed by the verified owner', () => {
      const description = tokenOwned();
      expectFailure(
        acceptCommunityDescription({
          description,
          signer: signedBy(description),
          verifiedTokenOwner: owner.publicKey,
        }),
        ErrorCode.WRONG_SIGNER,
        'not-token-owner',
      );
    });
  });

  it('does not look at channels: shape is a separate rule', () => {
    const description = sample();
    description.chats = { [GENERAL]: {}, [ANNOUNCEMENTS]: {} };
    expect(acceptCommunityDescription({ description, signer: signedBy(description) }).ok).toBe(true);
    expect(validateCommunityDescription(description).ok).toBe(false);
  });
});
