import { describe, expect, it } from '@jest/globals';
import {
  generatePrivateKey,
  publicKeyFromPrivateKey,
  publicKeyToCompressedHex,
} from '@status-communities/crypto';
import { encodeProto, status } from '@status-communities/proto';
import type { CommunityDescriptionInput } from '@status-communities/protocol';
import { buildCommunityDescription, wrapApplicationMessage } from '@status-communities/protocol';
import type { HostedCommunity } from '../store/hosted-community.js';
import { PublishedDescriptions, membershipView } from './membership-view.js';

const communityKey = generatePrivateKey();
const communityId = publicKeyToCompressedHex(publicKeyFromPrivateKey(communityKey));

const published = (clock: number, displayName: string): Uint8Array => {
  const input: CommunityDescriptionInput = {
    communityId,
    clock,
    members: new Map(),
    permissions: { access: 'AUTO_ACCEPT', ensOnly: false, private: false },
    identity: { displayName, description: 'a test', color: '#887af9', emoji: '', images: new Map() },
    channels: new Map(),
    categories: new Map(),
    tags: [],
    bannedMembers: new Map(),
    adminSettings: { pinMessageAllMembersEnabled: false },
    introMessage: '',
    outroMessage: '',
    tokenPermissions: new Map(),
    archiveMagnetlinkClock: 0,
    activeMembersCount: 0,
    resendAccountsClock: 0,
  };
  const bytes = encodeProto(status.CommunityDescription, buildCommunityDescription(input));
  return wrapApplicationMessage(
    status.ApplicationMetadataMessage.Type.COMMUNITY_DESCRIPTION,
    bytes,
    communityKey,
  );
};

const hosted = (overrides: Partial<HostedCommunity> = {}): HostedCommunity => ({
  id: communityId,
  tenantId: null,
  keyId: 'key',
  clock: 10,
  access: 'MANUAL_ACCEPT',
  ensOnly: true,
  encrypted: false,
  shard: null,
  lastPublishedClock: 10,
  descriptionRaw: published(10, 'first'),
  ...overrides,
});

describe('membership view', () => {
  it('takes access and ens_only from the stored community, newer than the published description', () => {
    const description = new PublishedDescriptions().read(hosted());
    if (!description.ok) throw description.error;
    const view = membershipView(hosted(), description.value, {
      memberKey: '0x04aa',
      member: undefined,
      memberCount: 4_999,
      ban: { deleteAllMessages: true },
    });
    expect(view.permissions).toMatchObject({ access: 'MANUAL_ACCEPT', ensOnly: true });
    expect(view.bannedMembers.get('0x04aa')).toEqual({ deleteAllMessages: true });
  });

  it('answers for the requester and the member count without holding every member', () => {
    const description = new PublishedDescriptions().read(hosted());
    if (!description.ok) throw description.error;
    const member = { publicKey: '0x04bb', roles: [], channelRole: 'POSTER' as const, lastUpdateClock: 3 };
    const view = membershipView(hosted(), description.value, {
      memberKey: '0x04bb',
      member,
      memberCount: 5_000,
      ban: undefined,
    });
    expect(view.members.size).toBe(5_000);
    expect(view.members.has('0x04bb')).toBe(true);
    expect(view.members.get('0x04bb')).toBe(member);
    expect(view.members.has('0x04cc')).toBe(false);
    expect(view.bannedMembers.size).toBe(0);
  });

  it('decodes a published description once per clock, and refuses a community never published', () => {
    const descriptions = new PublishedDescriptions();
    const first = descriptions.read(hosted());
    // Same clock, other bytes: the decoded one is reused.
    const again = descriptions.read(hosted({ descriptionRaw: published(10, 'changed') }));
    const next = descriptions.read(hosted({ lastPublishedClock: 11, descriptionRaw: published(11, 'next') }));
    if (!first.ok || !again.ok || !next.ok) throw new Error('not read');
    expect(again.value).toBe(first.value);
    expect(next.value.identity.displayName).toBe('next');
    const never = descriptions.read(hosted({ lastPublishedClock: null, descriptionRaw: null }));
    expect(never.ok ? 'read' : never.error.details).toEqual({ reason: 'unpublished-community' });
  });
});
