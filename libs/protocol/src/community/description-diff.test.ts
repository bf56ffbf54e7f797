import { describe, expect, it } from '@jest/globals';
import { diffCommunityDescriptions } from './description-diff.js';
import type { CommunityDescriptionDiff } from './description-diff.js';
import type { CommunityDescriptionInput, TokenPermissionModel } from './description-model.js';
import {
  ANNOUNCEMENTS,
  CATEGORY,
  GENERAL,
  admin,
  alice,
  channel,
  member,
  memberMap,
  outsider,
  owner,
  roundTrip,
  sampleInput,
  tokenMaster,
  viewer,
} from './testing/fixtures.js';

const base = sampleInput();
const diffTo = (overrides: Partial<CommunityDescriptionInput>): CommunityDescriptionDiff =>
  diffCommunityDescriptions(roundTrip(base), roundTrip({ ...base, clock: base.clock + 1, ...overrides }));

const without = <V>(map: ReadonlyMap<string, V>, ...keys: string[]): Map<string, V> =>
  new Map([...map].filter(([key]) => !keys.includes(key)));

/** Every list empty and every flag false, except what a test overrides. */
const nothingElse = (diff: CommunityDescriptionDiff, changed: (keyof CommunityDescriptionDiff)[]) => {
  for (const [key, value] of Object.entries(diff) as [keyof CommunityDescriptionDiff, unknown][]) {
    if (changed.includes(key) || key === 'hasChanges') continue;
    expect([key, value]).toEqual([key, Array.isArray(value) ? [] : false]);
  }
};

const permission = (overrides: Partial<TokenPermissionModel> = {}): TokenPermissionModel => ({
  id: 'p',
  type: 'BECOME_MEMBER',
  criteria: [],
  chatIds: [],
  isPrivate: false,
  ...overrides,
});

describe('diffCommunityDescriptions', () => {
  it('reports nothing between a description and itself', () => {
    const diff = diffCommunityDescriptions(roundTrip(base), roundTrip(base));
    expect(diff.hasChanges).toBe(false);
    nothingElse(diff, []);
  });

  it('treats everything as new when there is no previous description', () => {
    const diff = diffCommunityDescriptions(undefined, roundTrip(base));
    expect(diff.membersJoined).toEqual([...base.members.keys()].sort());
    expect(diff.channelsAdded).toEqual([GENERAL, ANNOUNCEMENTS].sort());
    expect(diff.categoriesAdded).toEqual([CATEGORY]);
    expect(diff.identityChanged).toEqual([]);
    expect(diff.hasChanges).toBe(true);
  });

  it('reports a join, with the member added to every hydrated channel', () => {
    const diff = diffTo({ members: new Map([...base.members, [viewer.memberKey, member(viewer)]]) });
    expect(diff.membersJoined).toEqual([viewer.memberKey]);
    expect(diff.channelsChanged).toEqual(
      [ANNOUNCEMENTS, GENERAL].sort().map((uuid) => ({
        uuid,
        fields: ['members'],
        membersAdded: [viewer.memberKey],
        membersRemoved: [],
      })),
    );
    expect(diff.hasChanges).toBe(true);
    nothingElse(diff, ['membersJoined', 'channelsChanged']);
  });

  it('reports a leave or kick as removed', () => {
    const diff = diffTo({ members: without(base.members, alice.memberKey) });
    expect(diff.membersRemoved).toEqual([alice.memberKey]);
    expect(diff.membersBanned).toEqual([]);
    nothingElse(diff, ['membersRemoved', 'channelsChanged']);
  });

  it('reports a ban as removed and banned, with delete_all_messages', () => {
    const diff = diffTo({
      members: without(base.members, alice.memberKey),
      bannedMembers: new Map([[alice.memberKey, { deleteAllMessages: true }]]),
    });
    expect(diff.membersRemoved).toEqual([alice.memberKey]);
    expect(diff.membersBanned).toEqual([{ publicKey: alice.memberKey, deleteAllMessages: true }]);
    nothingElse(diff, ['membersRemoved', 'membersBanned', 'channelsChanged']);
  });

  it('reports an unban', () => {
    const banned = { ...base, bannedMembers: new Map([[outsider.memberKey, { deleteAllMessages: false }]]) };
    const diff = diffCommunityDescriptions(roundTrip(banned), roundTrip(base));
    expect(diff.membersUnbanned).toEqual([outsider.memberKey]);
    nothingElse(diff, ['membersUnbanned']);
  });

  it('reports role changes with before and after', () => {
    const members = new Map(base.members);
    members.set(alice.memberKey, member(alice, ['ADMIN']));
    members.set(admin.memberKey, member(admin));
    const diff = diffTo({ members });
    expect(diff.roleChanges).toEqual(
      [
        { publicKey: alice.memberKey, before: [], after: ['ADMIN'] },
        { publicKey: admin.memberKey, before: ['ADMIN'], after: [] },
      ].sort((a, b) => (a.publicKey < b.publicKey ? -1 : 1)),
    );
    nothingElse(diff, ['roleChanges']);
  });

  it('reports an added channel', () => {
    const uuid = 'aaaaaaaa-0000-4000-8000-000000000000';
    const diff = diffTo({ channels: new Map([...base.channels, [uuid, channel(uuid)]]) });
    expect(diff.channelsAdded).toEqual([uuid]);
    nothingElse(diff, ['channelsAdded']);
  });

  it('reports a removed channel', () => {
    const diff = diffTo({ channels: without(base.channels, GENERAL) });
    expect(diff.channelsRemoved).toEqual([GENERAL]);
    nothingElse(diff, ['channelsRemoved']);
  });

  it('names the fields of an edited channel', () => {
    const general = base.channels.get(GENERAL);
    if (!general) throw new Error('fixture');
    const diff = diffTo({
      channels: new Map([
        ...base.channels,
        [
          GENERAL,
          {
            ...general,
            name: 'renamed',
            emoji: '🚀',
            categoryId: CATEGORY,
            position: 5,
            viewersCanPostReactions: true,
            permissions: { ...general.permissions, access: 'MANUAL_ACCEPT' },
          },
        ],
      ]),
    });
    expect(diff.channelsChanged).toEqual([
      {
        uuid: GENERAL,
        fields: ['name', 'emoji', 'categoryId', 'position', 'viewersCanPostReactions', 'permissions'],
        membersAdded: [],
        membersRemoved: [],
      },
    ]);
    nothingElse(diff, ['channelsChanged']);
  });

  it('reports added, removed and changed categories', () => {
    const diff = diffTo({
      categories: new Map([
        [CATEGORY, { id: CATEGORY, name: 'Renamed', position: 3 }],
        ['other', { id: 'other', name: 'Other', position: 1 }],
      ]),
    });
    expect(diff.categoriesAdded).toEqual(['other']);
    expect(diff.categoriesChanged).toEqual([{ id: CATEGORY, fields: ['name', 'position'] }]);
    nothingElse(diff, ['categoriesAdded', 'categoriesChanged']);

    const removed = diffTo({
      categories: new Map(),
      channels: new Map([[GENERAL, channel(GENERAL, { name: 'general' })]]),
    });
    expect(removed.categoriesRemoved).toEqual([CATEGORY]);
  });

  it('names identity fields that changed, images compared by content', () => {
    const diff = diffTo({
      identity: {
        ...base.identity,
        displayName: 'New name',
        images: new Map([
          [
            'thumbnail',
            { payload: new Uint8Array([9]), format: 'PNG', source: 'RAW_PAYLOAD', encrypted: false },
          ],
        ]),
      },
    });
    expect(diff.identityChanged).toEqual(['displayName', 'images']);
    nothingElse(diff, ['identityChanged']);
  });

  it('names permission fields that changed', () => {
    const diff = diffTo({ permissions: { access: 'MANUAL_ACCEPT', ensOnly: true, private: false } });
    expect(diff.permissionsChanged).toEqual(['access', 'ensOnly']);
    nothingElse(diff, ['permissionsChanged']);
  });

  it('reports token permissions added, removed and changed', () => {
    const before = {
      ...base,
      tokenPermissions: new Map([
        ['p', permission()],
        ['q', permission({ id: 'q' })],
      ]),
    };
    const after = {
      ...base,
      tokenPermissions: new Map([
        ['p', permission({ isPrivate: true })],
        ['r', permission({ id: 'r' })],
      ]),
    };
    const diff = diffCommunityDescriptions(roundTrip(before), roundTrip(after));
    expect(diff.tokenPermissionsAdded).toEqual(['r']);
    expect(diff.tokenPermissionsRemoved).toEqual(['q']);
    expect(diff.tokenPermissionsChanged).toEqual(['p']);
  });

  it('compares tags as a set, since status-go returns them unordered', () => {
    expect(diffTo({ tags: ['Privacy', 'Ethereum'] }).tagsChanged).toBe(false);
    expect(diffTo({ tags: ['Privacy'] }).tagsChanged).toBe(true);
  });

  it('flags intro, outro and pin-setting changes', () => {
    const diff = diffTo({
      introMessage: 'hi',
      outroMessage: 'ciao',
      adminSettings: { pinMessageAllMembersEnabled: true },
    });
    expect([diff.introMessageChanged, diff.outroMessageChanged, diff.pinMessageAllMembersChanged]).toEqual([
      true,
      true,
      true,
    ]);
    nothingElse(diff, ['introMessageChanged', 'outroMessageChanged', 'pinMessageAllMembersChanged']);
  });

  it('is deterministic: sorted whatever the insertion order', () => {
    const extra = [viewer, outsider, tokenMaster, owner].map((key) => member(key));
    const next = roundTrip({ ...base, members: memberMap(...extra.reverse(), member(admin, ['ADMIN'])) });
    const diff = diffCommunityDescriptions(roundTrip(base), next);
    expect(diff.membersJoined).toEqual([...diff.membersJoined].sort());
    expect(diff.roleChanges.map((change) => change.publicKey)).toEqual(
      [owner.memberKey, tokenMaster.memberKey].sort(),
    );
  });
});
