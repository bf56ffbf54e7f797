import { describe, expect, it } from '@jest/globals';
import type { CommunityDescriptionInput, CommunityDescriptionModel } from './description-model.js';
import {
  DEFAULT_REKEY_INTERVAL_MS,
  encryptionKeysAnswer,
  evaluateCommunityEncryptionKeyActions,
  evaluateEncryptionKeyAction,
  isRekeyDue,
} from './encryption-key-actions.js';
import { encryptionTokenPermissions } from './encryption-permissions.js';
import {
  ANNOUNCEMENTS,
  COMMUNITY_ID,
  GENERAL,
  admin,
  alice,
  member,
  memberMap,
  outsider,
  owner,
  roundTrip,
  sampleInput,
  tokenMaster,
} from './testing/fixtures.js';

const everyone = [owner, admin, tokenMaster, alice].map((key) => key.memberKey).sort();

/** The sample community, encrypted as stated, with `channelMembers` in ANNOUNCEMENTS when it is encrypted. */
const described = (
  settings: { community?: boolean; channels?: string[] },
  overrides: Partial<CommunityDescriptionInput> = {},
): CommunityDescriptionModel => {
  const base = sampleInput(overrides);
  const members = overrides.members ?? base.members;
  const channels = new Map([...base.channels].map(([uuid, channel]) => [uuid, { ...channel, members }]));
  return roundTrip({
    ...base,
    channels,
    tokenPermissions: encryptionTokenPermissions(COMMUNITY_ID, {
      communityEncrypted: settings.community === true,
      encryptedChannels: settings.channels ?? [],
    }),
  });
};

const withoutAlice = memberMap(
  member(owner, ['OWNER']),
  member(admin, ['ADMIN']),
  member(tokenMaster, ['TOKEN_MASTER']),
);
const withOutsider = memberMap(...[...sampleInput().members.values()], member(outsider));

describe('encryptionTokenPermissions', () => {
  it('makes the community and exactly the named channels encrypted, by status-go rules', () => {
    const model = described({ community: true, channels: [ANNOUNCEMENTS] });
    expect(model.isEncrypted).toBe(true);
    expect(model.channels.get(ANNOUNCEMENTS)?.encrypted).toBe(true);
    expect(model.channels.get(GENERAL)?.encrypted).toBe(false);
    expect([...model.tokenPermissions.values()].map((p) => [p.type, p.criteria.length, p.chatIds])).toEqual([
      ['BECOME_MEMBER', 0, []],
      ['CAN_VIEW_AND_POST_CHANNEL', 0, [COMMUNITY_ID + ANNOUNCEMENTS]],
    ]);
  });

  it('gives the same permission ids every time, shaped like status-go UUID v4s', () => {
    const once = encryptionTokenPermissions(COMMUNITY_ID, {
      communityEncrypted: true,
      encryptedChannels: [GENERAL],
    });
    const again = encryptionTokenPermissions(COMMUNITY_ID, {
      communityEncrypted: true,
      encryptedChannels: [GENERAL],
    });
    expect([...once.keys()]).toEqual([...again.keys()]);
    for (const id of once.keys())
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('states nothing for an open community', () => {
    expect(
      encryptionTokenPermissions(COMMUNITY_ID, { communityEncrypted: false, encryptedChannels: [] }).size,
    ).toBe(0);
    expect(described({}).isEncrypted).toBe(false);
  });
});

describe('evaluateEncryptionKeyAction (status-go priority order)', () => {
  const change = {
    wasEncrypted: true,
    isEncrypted: true,
    controlNodeChanged: false,
    members: ['0x04b', '0x04a'],
    membersAdded: [] as string[],
    membersRemoved: [] as string[],
  };

  it('rekeys for every member when the control node changed, before any other rule', () => {
    expect(evaluateEncryptionKeyAction({ ...change, wasEncrypted: false, controlNodeChanged: true })).toEqual(
      {
        type: 'rekey',
        members: ['0x04a', '0x04b'],
        removedMembers: [],
      },
    );
  });

  it('adds keys for everyone when a group becomes encrypted, even with members joining', () => {
    expect(
      evaluateEncryptionKeyAction({ ...change, wasEncrypted: false, membersAdded: ['0x04b'] }).type,
    ).toBe('add');
  });

  it('says remove when encryption is dropped, and nothing for a group that stays open', () => {
    expect(evaluateEncryptionKeyAction({ ...change, isEncrypted: false }).type).toBe('remove');
    expect(
      evaluateEncryptionKeyAction({
        ...change,
        wasEncrypted: false,
        isEncrypted: false,
        membersRemoved: ['0x04c'],
      }),
    ).toEqual({ type: 'none', members: [], removedMembers: [] });
  });

  it('rekeys for the remaining members when one is removed, even if another joined', () => {
    expect(
      evaluateEncryptionKeyAction({ ...change, membersAdded: ['0x04b'], membersRemoved: ['0x04c'] }),
    ).toEqual({
      type: 'rekey',
      members: ['0x04a', '0x04b'],
      removedMembers: ['0x04c'],
    });
  });

  it('sends the keys to joined members only', () => {
    expect(evaluateEncryptionKeyAction({ ...change, membersAdded: ['0x04b'] })).toEqual({
      type: 'send-to-members',
      members: ['0x04b'],
      removedMembers: [],
    });
    expect(evaluateEncryptionKeyAction(change).type).toBe('none');
  });
});

describe('evaluateCommunityEncryptionKeyActions', () => {
  it('re-sends every key to every member after a restart (no previous description)', () => {
    const actions = evaluateCommunityEncryptionKeyActions(
      undefined,
      described({ community: true, channels: [GENERAL] }),
    );
    expect(actions.community).toEqual({ type: 'add', members: everyone, removedMembers: [] });
    expect(actions.channels.get(GENERAL)).toEqual({ type: 'add', members: everyone, removedMembers: [] });
    expect(actions.channels.get(ANNOUNCEMENTS)?.type).toBe('none');
  });

  it('sends the keys of the community and its encrypted channels to a member who joins', () => {
    const actions = evaluateCommunityEncryptionKeyActions(
      described({ community: true, channels: [GENERAL] }),
      described({ community: true, channels: [GENERAL] }, { members: withOutsider }),
    );
    expect(actions.community).toEqual({
      type: 'send-to-members',
      members: [outsider.memberKey],
      removedMembers: [],
    });
    expect(actions.channels.get(GENERAL)).toEqual(actions.community);
    // ANNOUNCEMENTS is open inside an encrypted community: its messages use the community key.
    expect(actions.channels.get(ANNOUNCEMENTS)?.type).toBe('none');
  });

  it('rekeys the community and each encrypted channel when a member is banned or kicked', () => {
    const actions = evaluateCommunityEncryptionKeyActions(
      described({ community: true, channels: [GENERAL] }),
      described({ community: true, channels: [GENERAL] }, { members: withoutAlice }),
    );
    const remaining = everyone.filter((key) => key !== alice.memberKey);
    expect(actions.community).toEqual({
      type: 'rekey',
      members: remaining,
      removedMembers: [alice.memberKey],
    });
    expect(actions.channels.get(GENERAL)).toEqual(actions.community);
  });

  it('adds keys to a channel that becomes encrypted in an open community, and nothing at community level', () => {
    const actions = evaluateCommunityEncryptionKeyActions(
      described({}),
      described({ channels: [ANNOUNCEMENTS] }),
    );
    expect(actions.community.type).toBe('none');
    expect(actions.channels.get(ANNOUNCEMENTS)).toEqual({
      type: 'add',
      members: everyone,
      removedMembers: [],
    });
  });

  it('rekeys every encrypted group when the control node changed', () => {
    const model = described({ community: true });
    const actions = evaluateCommunityEncryptionKeyActions(model, model, { controlNodeChanged: true });
    expect(actions.community).toEqual({ type: 'rekey', members: everyone, removedMembers: [] });
  });

  it('does nothing for an open community whatever its members do', () => {
    const actions = evaluateCommunityEncryptionKeyActions(
      described({}),
      described({}, { members: withoutAlice }),
    );
    expect(actions.community.type).toBe('none');
    expect([...actions.channels.values()].map((action) => action.type)).toEqual(['none', 'none']);
  });
});

describe('isRekeyDue', () => {
  const keyAt = 1_700_000_000_000n;
  it('is due once the key is 48 h old by default, not before', () => {
    expect(DEFAULT_REKEY_INTERVAL_MS).toBe(172_800_000);
    expect(
      isRekeyDue(keyAt, 1_700_000_000_000 + DEFAULT_REKEY_INTERVAL_MS - 1, DEFAULT_REKEY_INTERVAL_MS),
    ).toBe(false);
    expect(isRekeyDue(keyAt, 1_700_000_000_000 + DEFAULT_REKEY_INTERVAL_MS, DEFAULT_REKEY_INTERVAL_MS)).toBe(
      true,
    );
  });
});

describe('encryptionKeysAnswer (COMMUNITY_ENCRYPTION_KEYS_REQUEST)', () => {
  const model = described({ community: true, channels: [GENERAL] });

  it('answers a member with the community key and every encrypted channel they are in when none is named', () => {
    expect(encryptionKeysAnswer(model, alice.memberKey, [])).toEqual({
      community: true,
      channels: [GENERAL],
    });
  });

  it('answers only the named channels, and never an open one', () => {
    expect(encryptionKeysAnswer(model, alice.memberKey, [ANNOUNCEMENTS])).toEqual({
      community: true,
      channels: [],
    });
  });

  it('answers nothing to someone who is not a member', () => {
    expect(encryptionKeysAnswer(model, outsider.memberKey, [])).toBeUndefined();
  });

  it('leaves out an encrypted channel that does not list the requester', () => {
    const base = sampleInput();
    const onlyOwner = roundTrip({
      ...base,
      channels: new Map([
        [GENERAL, { ...base.channels.get(GENERAL)!, members: memberMap(member(owner, ['OWNER'])) }],
      ]),
      tokenPermissions: encryptionTokenPermissions(COMMUNITY_ID, {
        communityEncrypted: false,
        encryptedChannels: [GENERAL],
      }),
    });
    expect(encryptionKeysAnswer(onlyOwner, alice.memberKey, [])).toEqual({ community: false, channels: [] });
    expect(encryptionKeysAnswer(onlyOwner, owner.memberKey, [GENERAL])).toEqual({
      community: false,
      channels: [GENERAL],
    });
  });
});
