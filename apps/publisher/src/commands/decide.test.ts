import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import type { CommunityState, ChannelRecord, CategoryRecord } from '../state.js';
import type { CommunityChange, Decision, DecisionContext, EditCommand } from './decide.js';
import { decide } from './decide.js';
import { compact, placeAt } from './positions.js';

const communityId = `0x02${'ab'.repeat(32)}`;
const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const base = { actor: 'test', correlationId: 'c', communityId };

const channel = (
  n: number,
  categoryId: string | null,
  position: number,
  extra: Partial<ChannelRecord> = {},
) => ({
  uuid: uuid(n),
  name: `c${n}`,
  description: '',
  emoji: '',
  color: '#000000',
  categoryId,
  position,
  viewersCanPostReactions: true,
  hideIfPermissionsNotMet: false,
  encrypted: false,
  deleted: false,
  ...extra,
});
const category = (categoryId: string, position: number, deleted = false): CategoryRecord => ({
  categoryId,
  name: categoryId.toUpperCase(),
  position,
  deleted,
});

const state: CommunityState = {
  community: {
    id: communityId,
    tenantId: null,
    keyId: 'key',
    name: 'Name',
    description: 'Description',
    color: '#887af9',
    emoji: '',
    tags: ['Art'],
    access: 'AUTO_ACCEPT',
    ensOnly: false,
    introMessage: '',
    outroMessage: '',
    pinMessageAllMembersEnabled: false,
    encrypted: false,
    shard: null,
    clock: 1_000,
  },
  channels: [
    channel(1, null, 0),
    channel(2, 'a', 0),
    channel(3, 'a', 1),
    channel(4, 'b', 0),
    channel(9, null, 1, { deleted: true }),
  ],
  categories: [category('a', 0), category('b', 1), category('gone', 2, true)],
  images: [],
};

const change = (decision: { ok: boolean; value?: Decision }): CommunityChange => {
  if (!decision.ok || decision.value?.kind !== 'change')
    throw new Error(`expected a change: ${JSON.stringify(decision)}`);
  return decision.value.change;
};
const positionsOf = (channels: readonly ChannelRecord[]) =>
  Object.fromEntries(channels.map((c) => [c.name, [c.categoryId, c.position, c.deleted]]));
const run = (command: EditCommand, context: DecisionContext = state) => decide(command, context);
const codeOf = (result: ReturnType<typeof decide>) => (result.ok ? 'ok' : result.error.code);

describe('positions', () => {
  const id = (item: { id: string }) => item.id;
  const items = [
    { id: 'x', position: 0 },
    { id: 'y', position: 1 },
    { id: 'z', position: 2 },
  ];
  it('places an item, clamps past the end, appends without a position, and renumbers', () => {
    expect(placeAt(items, { id: 'z', position: 2 }, 0, id).map(id)).toEqual(['z', 'x', 'y']);
    expect(placeAt(items, { id: 'n', position: 0 }, 99, id).map((item) => [item.id, item.position])).toEqual([
      ['x', 0],
      ['y', 1],
      ['z', 2],
      ['n', 3],
    ]);
    expect(placeAt(items, { id: 'x', position: 0 }, undefined, id).map(id)).toEqual(['y', 'z', 'x']);
  });
  it('closes gaps in the current order, ties broken by id', () => {
    expect(
      compact(
        [
          { id: 'b', position: 5 },
          { id: 'a', position: 5 },
          { id: 'c', position: 1 },
        ],
        id,
      ),
    ).toEqual([
      { id: 'c', position: 0 },
      { id: 'a', position: 1 },
      { id: 'b', position: 2 },
    ]);
  });
});

describe('deciding a command on the stored state', () => {
  const upsert = (n: number, extra: Record<string, unknown> = {}): EditCommand =>
    ({
      ...base,
      type: 'channel.upsert',
      channelId: uuid(n),
      name: `c${n}`,
      description: '',
      emoji: '',
      color: '#000000',
      viewersCanPostReactions: true,
      ...extra,
    }) as EditCommand;

  it('appends a new channel to its category and inserts one at a position', () => {
    expect(positionsOf(change(run(upsert(5, { categoryId: 'a' }))).channels)).toEqual({
      c5: ['a', 2, false],
    });
    expect(positionsOf(change(run(upsert(5, { categoryId: 'a', position: 0 }))).channels)).toEqual({
      c5: ['a', 0, false],
      c2: ['a', 1, false],
      c3: ['a', 2, false],
    });
  });

  it('moves a channel to another category: the old group closes the gap', () => {
    const moved = change(
      run({ ...base, type: 'channel.reorder', channelId: uuid(2), categoryId: 'b', position: 0 }),
    );
    expect(positionsOf(moved.channels)).toEqual({
      c3: ['a', 0, false],
      c2: ['b', 0, false],
      c4: ['b', 1, false],
    });
    expect(moved.summary).toEqual([`channel:${uuid(3)}`, `channel:${uuid(2)}`, `channel:${uuid(4)}`]);
  });

  it('keeps an edited channel in place and reports only what changed', () => {
    const edited = change(run(upsert(3, { categoryId: 'a', name: 'renamed' })));
    expect(edited.channels).toEqual([{ ...channel(3, 'a', 1), name: 'renamed' }]);
    expect(run(upsert(3, { categoryId: 'a' }))).toEqual({ ok: true, value: { kind: 'unchanged' } });
  });

  it('refuses a non-v4 id for a new channel, a deleted channel, an unknown or deleted category', () => {
    expect(codeOf(run(upsert(5, { channelId: 'c232ab00-9414-11ec-b3c8-9e6bdeced846' })))).toBe(
      ErrorCode.BAD_USER_INPUT,
    );
    expect(codeOf(run(upsert(9)))).toBe(ErrorCode.CONFLICT);
    expect(codeOf(run(upsert(5, { categoryId: 'nope' })))).toBe(ErrorCode.NOT_FOUND);
    expect(codeOf(run(upsert(5, { categoryId: 'gone' })))).toBe(ErrorCode.NOT_FOUND);
  });

  it('deletes a channel (kept, marked) and closes the gap; deleting again changes nothing', () => {
    const deleted = change(run({ ...base, type: 'channel.delete', channelId: uuid(2) }));
    expect(positionsOf(deleted.channels)).toEqual({ c2: ['a', 0, true], c3: ['a', 0, false] });
    expect(run({ ...base, type: 'channel.delete', channelId: uuid(9) })).toEqual({
      ok: true,
      value: { kind: 'unchanged' },
    });
    expect(codeOf(run({ ...base, type: 'channel.delete', channelId: uuid(7) }))).toBe(ErrorCode.NOT_FOUND);
  });

  it('deletes a category: its channels follow the uncategorized ones, the categories close the gap', () => {
    const deleted = change(run({ ...base, type: 'category.delete', categoryId: 'a' }));
    expect(positionsOf(deleted.channels)).toEqual({ c2: [null, 1, false], c3: [null, 2, false] });
    expect(deleted.categories).toEqual([{ ...category('a', 0), deleted: true }, category('b', 0)]);
  });

  it('creates, renames and reorders categories', () => {
    expect(change(run({ ...base, type: 'category.upsert', categoryId: 'c', name: 'C' })).categories).toEqual([
      { categoryId: 'c', name: 'C', position: 2, deleted: false },
    ]);
    expect(
      change(run({ ...base, type: 'category.reorder', categoryId: 'b', position: 0 })).categories,
    ).toEqual([category('b', 0), category('a', 1)]);
    expect(
      change(run({ ...base, type: 'category.upsert', categoryId: 'a', name: 'Renamed' })).categories,
    ).toEqual([{ ...category('a', 0), name: 'Renamed' }]);
    expect(codeOf(run({ ...base, type: 'category.upsert', categoryId: 'gone', name: 'x' }))).toBe(
      ErrorCode.CONFLICT,
    );
  });

  it('updates only the given identity and permission fields, checking them as status-go does', () => {
    const updated = change(
      run({
        ...base,
        type: 'community.update',
        identity: { displayName: 'Name', tags: ['Music', 'Music', 'Art'] },
        permissions: { ensOnly: true },
        pinMessageAllMembersEnabled: true,
      }),
    );
    expect(updated.fields).toEqual({
      tags: ['Music', 'Art'],
      ensOnly: true,
      pinMessageAllMembersEnabled: true,
    });
    expect(updated.images).toBeUndefined();
    expect(run({ ...base, type: 'community.update', identity: { tags: ['Art'] } })).toEqual({
      ok: true,
      value: { kind: 'unchanged' },
    });
    expect(codeOf(run({ ...base, type: 'community.update', identity: { description: '' } }))).toBe(
      ErrorCode.BAD_USER_INPUT,
    );
    expect(
      codeOf(run({ ...base, type: 'community.update', identity: { introMessage: 'é'.repeat(701) } })),
    ).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it('sets member roles in wire order, never the owner, only for active members', () => {
    const member = { memberKey: `0x04${'11'.repeat(64)}`, roles: [], lastUpdateClock: 0 };
    const roles = (context: DecisionContext, set: ('ADMIN' | 'TOKEN_MASTER')[]) =>
      run({ ...base, type: 'member.set-roles', memberKey: member.memberKey, roles: set }, context);
    expect(change(roles({ ...state, member }, ['TOKEN_MASTER', 'ADMIN'])).memberRoles).toEqual({
      memberKey: member.memberKey,
      roles: ['ADMIN', 'TOKEN_MASTER'],
    });
    expect(roles({ ...state, member }, [])).toEqual({ ok: true, value: { kind: 'unchanged' } });
    expect(codeOf(roles({ ...state, member: { ...member, roles: ['OWNER'] } }, ['ADMIN']))).toBe(
      ErrorCode.FORBIDDEN,
    );
    expect(codeOf(roles({ ...state, member: null }, ['ADMIN']))).toBe(ErrorCode.NOT_FOUND);
  });

  it('gives the community a shard of its own once', () => {
    const shard = { cluster: 16, index: 512 };
    expect(change(run({ ...base, type: 'community.set-shard', shard })).fields).toEqual({ shard });
    expect(
      run(
        { ...base, type: 'community.set-shard', shard },
        { ...state, community: { ...state.community, shard } },
      ),
    ).toEqual({
      ok: true,
      value: { kind: 'unchanged' },
    });
  });
});
