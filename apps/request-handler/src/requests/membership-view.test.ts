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
  ...overrides,
});

/** Descriptions as the database holds them, each read counted. */
const storedDescriptions = (stored: { raw: Uint8Array; clock: number } | null) => {
  const loads: string[] = [];
  const store = { current: stored };
  const descriptions = new PublishedDescriptions(async (id) => {
    loads.push(id);
    return store.current;
  });
  return { descriptions, loads, store };
};

describe('membership view', () => {
  it('takes access and ens_only from the stored community, newer than the published description', async () => {
    const { descriptions } = storedDescriptions({ raw: published(10, 'first'), clock: 10 });
    const description = await descriptions.read(hosted());
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

  it('answers for the requester and the member count without holding every member', async () => {
    const { descriptions } = storedDescriptions({ raw: published(10, 'first'), clock: 10 });
    const description = await descriptions.read(hosted());
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

  it('reads and decodes a published description once per clock, and refuses a community never published', async () => {
    const { descriptions, loads, store } = storedDescriptions({ raw: published(10, 'first'), clock: 10 });
    const first = await descriptions.read(hosted());
    const bytes = await descriptions.published(hosted());
    // Same clock, other bytes stored: neither read again.
    store.current = { raw: published(10, 'changed'), clock: 10 };
    const again = await descriptions.read(hosted());
    if (!first.ok || !again.ok || !bytes.ok) throw new Error('not read');
    expect(again.value).toBe(first.value);
    expect(bytes.value.clock).toBe(10);
    expect(loads).toHaveLength(1);

    store.current = { raw: published(11, 'next'), clock: 11 };
    const next = await descriptions.read(hosted({ lastPublishedClock: 11 }));
    expect(next.ok && next.value.identity.displayName).toBe('next');
    expect(loads).toHaveLength(2);

    const never = await descriptions.read(hosted({ lastPublishedClock: null }));
    expect(never.ok ? 'read' : never.error.details).toEqual({ reason: 'unpublished-community' });
    const gone = storedDescriptions(null).descriptions;
    const lost = await gone.published(hosted());
    expect(lost.ok ? 'read' : lost.error.details).toEqual({ reason: 'unpublished-community' });
    expect(loads).toHaveLength(2);
  });
});
