import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';
import type { SeededCommunity } from '../testing/seed.js';
import { seedCommunity } from '../testing/seed.js';

const CONTRACT = '0x3D6AFAA395C31FCD391FE3D562E75FE9E8EC7E6A';

let api: ApiHarness;
let owner: string;
let hosted: SeededCommunity;

beforeAll(async () => {
  api = await startApiHarness({ CHAIN_RPC_URLS: '1=http://127.0.0.1:8545,10=http://127.0.0.1:9545' });
  const tenantId = await api.createTenant('gated');
  owner = await api.createKey(tenantId, ['ADMIN']);
  hosted = await seedCommunity(api.prisma, { kind: 'HOSTED', tenantId, name: 'Gated' });
});
afterAll(() => api.close());

interface Payload {
  command: { id: string; type: string } | null;
  permission?: {
    id: string;
    criteria: { contracts: { chainId: string; address: string }[]; amount: string }[];
  } | null;
  userErrors: { code: string; message: string; field: string[] | null }[];
}

const mutate = async (field: string, inputType: string, input: Record<string, unknown>, extra = '') => {
  const response = await api.gql<Record<string, Payload>>(
    `mutation ($input: ${inputType}!) { ${field}(input: $input) { command { id type } userErrors { code message field } ${extra} } }`,
    { input },
    owner,
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.[field] as Payload;
};
const PERMISSION_FIELDS = 'permission { id criteria { contracts { chainId address } amount } }';
const erc20 = (overrides: Record<string, unknown> = {}) => ({
  type: 'ERC20',
  contracts: [{ chainId: '1', address: CONTRACT }],
  symbol: 'STT',
  amountInWei: '2000000000000000000',
  decimals: 18,
  ...overrides,
});
const create = (criteria: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
  mutate(
    'createPermission',
    'CreatePermissionInput',
    { communityId: hosted.id, type: 'BECOME_MEMBER', criteria, ...extra },
    PERMISSION_FIELDS,
  );
const queued = async (id: string | undefined) =>
  id
    ? (await (api.server.services.queues.communityRequests as unknown as Queue).getJob(id))?.data
    : undefined;

describe('token permissions through GraphQL', () => {
  it('createPermission queues a validated, normalised permission.upsert', async () => {
    const result = await create([erc20()]);
    expect(result.userErrors).toEqual([]);
    expect(result.permission?.criteria[0]).toEqual({
      contracts: [{ chainId: '1', address: CONTRACT.toLowerCase() }],
      amount: '2',
    });
    expect(await queued(result.command?.id)).toMatchObject({
      type: 'permission.upsert',
      communityId: hosted.id,
      permission: {
        id: result.permission?.id,
        type: 'BECOME_MEMBER',
        criteria: [
          {
            type: 'ERC20',
            contractAddresses: { '1': CONTRACT.toLowerCase() },
            amountInWei: '2000000000000000000',
          },
        ],
      },
    });
  });

  it('refuses bad addresses, negative amounts, chains without an RPC and foreign channels; nothing queued', async () => {
    const cases: [Record<string, unknown>[], Record<string, unknown>, string[]][] = [
      [
        [erc20({ contracts: [{ chainId: '1', address: '0x1234' }] })],
        {},
        ['input', 'criteria', '0', 'contractAddresses'],
      ],
      [[erc20({ amountInWei: '-5' })], {}, ['input', 'criteria', '0', 'amountInWei']],
      [
        [erc20({ contracts: [{ chainId: '5', address: CONTRACT }] })],
        {},
        ['input', 'criteria', '0', 'contractAddresses'],
      ],
      [[{ type: 'ENS', ensPattern: 'not a name' }], {}, ['input', 'criteria', '0', 'ensPattern']],
      [
        [erc20()],
        { type: 'CAN_VIEW_CHANNEL', chatIds: [`${hosted.id}no-such-channel`] },
        ['input', 'chatIds'],
      ],
    ];
    const before = await (api.server.services.queues.communityRequests as unknown as Queue).count();
    for (const [criteria, extra, field] of cases) {
      const result = await create(criteria, extra);
      expect(result.command).toBeNull();
      expect(result.userErrors).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
    }
    expect(await (api.server.services.queues.communityRequests as unknown as Queue).count()).toBe(before);
  });

  it('a channel permission names channels of the community', async () => {
    const result = await create([erc20()], {
      type: 'CAN_VIEW_AND_POST_CHANNEL',
      chatIds: [hosted.channelId],
    });
    expect(result.userErrors).toEqual([]);
  });

  it('reads permissions and channel rights; updates, deletes and re-evaluates by command', async () => {
    await api.prisma.tokenPermission.create({
      data: {
        communityId: hosted.id,
        id: 'p-stored',
        type: 'BECOME_TOKEN_MASTER',
        criteria: [
          {
            type: 'ERC721',
            contractAddresses: { '10': CONTRACT.toLowerCase() },
            symbol: 'TM',
            name: '',
            amount: '1',
            amountInWei: '1',
            tokenIds: [],
            ensPattern: '',
            decimals: 0,
          },
        ],
      },
    });
    await api.prisma.member.update({
      where: { communityId_memberKey: { communityId: hosted.id, memberKey: hosted.members[1] ?? '' } },
      data: { channelRights: { [hosted.channelId]: 'VIEWER' }, roles: ['TOKEN_MASTER'] },
    });
    const read = await api.gql<{
      community: {
        permissions: {
          id: string;
          type: string;
          criteria: { type: string; contracts: { chainId: string }[] }[];
        }[];
        members: { edges: { node: { memberKey: string; roles: string[]; channelRights: unknown } }[] };
      };
    }>(
      `query ($ref: CommunityRef!) { community(ref: $ref) { permissions { id type criteria { type contracts { chainId } } }
        members(first: 10) { edges { node { memberKey roles channelRights { chatId right } } } } } }`,
      { ref: { id: hosted.id } },
      owner,
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.community.permissions).toEqual([
      {
        id: 'p-stored',
        type: 'BECOME_TOKEN_MASTER',
        criteria: [{ type: 'ERC721', contracts: [{ chainId: '10' }] }],
      },
    ]);
    const node = read.body.data?.community.members.edges.find(
      (edge) => edge.node.memberKey === hosted.members[1],
    )?.node;
    expect(node).toEqual({
      memberKey: hosted.members[1],
      roles: ['TOKEN_MASTER'],
      channelRights: [{ chatId: hosted.channelId, right: 'VIEWER' }],
    });

    const update = await mutate(
      'updatePermission',
      'UpdatePermissionInput',
      { communityId: hosted.id, permissionId: 'p-stored', type: 'BECOME_ADMIN', criteria: [erc20()] },
      PERMISSION_FIELDS,
    );
    expect(await queued(update.command?.id)).toMatchObject({
      type: 'permission.upsert',
      permission: { id: 'p-stored', type: 'BECOME_ADMIN' },
    });
    const missing = await mutate('updatePermission', 'UpdatePermissionInput', {
      communityId: hosted.id,
      permissionId: 'nope',
      type: 'BECOME_ADMIN',
      criteria: [erc20()],
    });
    expect(missing.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'permissionId'] }),
    ]);
    const removal = await mutate('deletePermission', 'DeletePermissionInput', {
      communityId: hosted.id,
      permissionId: 'p-stored',
    });
    expect(await queued(removal.command?.id)).toMatchObject({
      type: 'permission.delete',
      permissionId: 'p-stored',
    });
    const again = await mutate('reevaluateMembers', 'ReevaluateMembersInput', { communityId: hosted.id });
    expect(await queued(again.command?.id)).toMatchObject({
      type: 'members.reevaluate',
      reason: 'demand',
      communityId: hosted.id,
    });
  });
});
