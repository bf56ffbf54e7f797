// Issue #14's story on processes: every service from its build on a Waku devnet, an anvil chain with a real
// ERC20 gating membership (created through GraphQL), a Status member built from libs on its own devnet node.
// Too few tokens: the request stays pending; a mint and a re-check accept it; a second token (ERC721) makes
// a token master; a transfer away and a re-check remove the member, and the next description (opened with the
// community's group keys) no longer lists it. An RPC outage decides nothing; once anvil is back, a re-check does.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { TokenTestChain } from '@status-communities/chain/testing';
import { startTokenTestChain } from '@status-communities/chain/testing';
import { symKeyFor } from '@status-communities/crypto';
import type { PrismaClient } from '@status-communities/db';
import { createPrismaClient } from '@status-communities/db';
import { unwrap } from '@status-communities/errors';
import { GroupKeyStore, SecretBytes, createMasterKeyRing } from '@status-communities/keyring';
import type { status } from '@status-communities/proto';
import { bigIntToUint64 } from '@status-communities/proto';
import type { CommunityDescriptionModel } from '@status-communities/protocol';
import {
  SegmentAssembler,
  contentTopicForChatId,
  decodeStatusMessage,
  decryptCommunityDescription,
  indexHashRatchetKeys,
  readCommunityDescription,
} from '@status-communities/protocol';
import { base64ToBytes, bytesToBase64 } from '@status-communities/queue';
import type { WireMessage } from '@status-communities/testing';
import { StatusMember } from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';
import { storyProcesses } from './processes.js';

// Six processes, a devnet and anvil on a busy 2-core machine.
jest.setTimeout(300_000);

const E18 = 10n ** 18n;
const OUTSIDER = '0x' + '99'.repeat(20);
const CHAIN_ID = '1';
const groupKeys = { GROUP_KEYS_MASTER_KEY: randomBytes(32).toString('hex'), GROUP_KEYS_MASTER_KEY_ID: 'g1' };
let prisma: PrismaClient;
let chain: TokenTestChain;
const platform = storyProcesses('tokens', {
  env: () => ({
    CHAIN_RPC_URLS: `${CHAIN_ID}=${chain.url}`,
    // Every re-check reads the chain as it is now.
    CHAIN_CACHE_TTL_MS: '0',
  }),
  afterStop: async () => {
    await chain?.close();
    await prisma?.$disconnect();
  },
});
const { services, keyring, gql } = platform;

/** The newest description among `messages`, its private parts opened with the community's group keys. */
const latestDecrypted = async (
  messages: readonly WireMessage[],
  communityId: string,
): Promise<CommunityDescriptionModel | undefined> => {
  const assembler = new SegmentAssembler();
  let latest: status.CommunityDescription | undefined;
  for (const message of messages) {
    if (message.contentTopic !== contentTopicForChatId(communityId)) continue;
    const decoded = decodeStatusMessage(
      base64ToBytes(message.payload),
      { symKey: symKeyFor(communityId) },
      { segments: { assembler, nowMs: Date.now() } },
    );
    if (!decoded.ok || decoded.value.kind !== 'message' || decoded.value.typeName !== 'COMMUNITY_DESCRIPTION')
      continue;
    const description = decoded.value.message as status.CommunityDescription;
    if (!latest || BigInt(description.clock.toString()) >= BigInt(latest.clock.toString()))
      latest = description;
  }
  if (!latest) return undefined;
  const store = new GroupKeyStore(
    prisma,
    unwrap(
      createMasterKeyRing(
        { id: 'g1', key: SecretBytes.of(Buffer.from(groupKeys.GROUP_KEYS_MASTER_KEY, 'hex')) },
        [],
      ),
    ),
  );
  const keys = unwrap(await store.ofCommunity(communityId)).map((entry) => entry.key);
  const { description } = decryptCommunityDescription(latest, indexHashRatchetKeys(keys));
  return unwrap(readCommunityDescription(description, communityId));
};

beforeAll(async () => {
  prisma = createPrismaClient(platform.db().url);
  chain = await startTokenTestChain({ chainId: CHAIN_ID });
  await chain.installMulticall3();
  await platform.startGateway();
  await platform.startService('indexer', 'indexer', groupKeys);
  await platform.startService('publisher', 'publisher', {
    ...keyring,
    ...groupKeys,
    PUBLISH_DEBOUNCE_MS: '0',
  });
  await platform.startService('request-handler', 'request-handler', {
    ...keyring,
    ...groupKeys,
    CHAIN_RPC_TIMEOUT_MS: '5000',
  });
  await platform.startApi();
});

describe('a token-gated community on processes and a real chain', () => {
  it('holds a request with too few tokens, accepts it after a mint, makes a token master, removes the member after a transfer away, decides nothing during an outage', async () => {
    const stt = await chain.deployErc20('Status Test Token', 'STT', 18);
    const masterToken = await chain.deployErc721('Token Master', 'TM');
    const memberNode = platform.devnet().nodes[1] as WakuNode;
    const seen: WireMessage[] = [];
    memberNode.subscribe(({ pubsubTopic, message }) =>
      seen.push({ pubsubTopic, contentTopic: message.contentTopic, payload: bytesToBase64(message.payload) }),
    );

    const { createCommunity } = await gql<{ createCommunity: { userErrors: unknown[] } }>(
      `mutation { createCommunity(input: { identity: { name: "Gated", description: "Hold 2 STT",
        color: "#4360df" }, access: AUTO_ACCEPT, idempotencyKey: "gated" }) { userErrors { code message } } }`,
    );
    expect(createCommunity.userErrors).toEqual([]);
    const communityId = await services.waitFor(
      'the community published',
      async () =>
        (
          await gql<{
            communities: { edges: { node: { communityId: string; lastPublishedAt: string | null } }[] };
          }>('{ communities(filter: { kind: HOSTED }) { edges { node { communityId lastPublishedAt } } } }')
        ).communities.edges.find((edge) => edge.node.lastPublishedAt !== null)?.node.communityId,
      { timeoutMs: 60_000 },
    );

    const createPermission = async (type: string, criterion: Record<string, unknown>) => {
      const created = await gql<{
        createPermission: { permission: { id: string } | null; userErrors: unknown[] };
      }>(
        `mutation ($input: CreatePermissionInput!) { createPermission(input: $input) {
          permission { id } userErrors { code message } } }`,
        { input: { communityId, type, criteria: [criterion] } },
      );
      expect(created.createPermission.userErrors).toEqual([]);
      return created.createPermission.permission?.id ?? '';
    };
    const permissionId = await createPermission('BECOME_MEMBER', {
      type: 'ERC20',
      contracts: [{ chainId: CHAIN_ID, address: stt }],
      symbol: 'STT',
      amountInWei: (2n * E18).toString(),
      decimals: 18,
    });
    const masterPermissionId = await createPermission('BECOME_TOKEN_MASTER', {
      type: 'ERC721',
      contracts: [{ chainId: CHAIN_ID, address: masterToken }],
      symbol: 'TM',
      amountInWei: '1',
    });
    // The gated, encrypted description out on the network.
    await services.waitFor(
      'the description with the permissions at the member',
      async () => {
        const permissions = (await latestDecrypted(seen, communityId))?.tokenPermissions;
        return (permissions?.has(permissionId) && permissions.has(masterPermissionId)) || undefined;
      },
      { timeoutMs: 90_000 },
    );

    interface MemberNode {
      memberKey: string;
      roles: string[];
    }
    interface Standing {
      community: {
        active: { edges: { node: MemberNode }[] };
        kicked: { edges: { node: MemberNode }[] };
        pending: { edges: { node: { requesterKey: string } }[] };
      };
    }
    const standing = async () =>
      (
        await gql<Standing>(
          `query ($id: String!) { community(ref: { id: $id }) {
            active: members(first: 100) { edges { node { memberKey roles } } }
            kicked: members(first: 100, state: KICKED) { edges { node { memberKey roles } } }
            pending: requestsToJoin(first: 100) { edges { node { requesterKey } } } } }`,
          { id: communityId },
        )
      ).community;
    const keysOf = (connection: { edges: { node: MemberNode }[] }) =>
      connection.edges.map(({ node }) => node.memberKey);
    const reevaluate = async (key: string) => {
      const { reevaluateMembers } = await gql<{ reevaluateMembers: { userErrors: unknown[] } }>(
        `mutation ($id: String!, $key: String!) { reevaluateMembers(input: { communityId: $id,
          idempotencyKey: $key }) { userErrors { code message } } }`,
        { id: communityId, key },
      );
      expect(reevaluateMembers.userErrors).toEqual([]);
    };

    const requestToJoin = async (member: StatusMember) => {
      const request = member.requestToJoin(communityId, { chainIds: [1n] });
      await services.waitFor(`${member.displayName}'s join request out`, async () =>
        (
          await memberNode.publish(request.pubsubTopic, {
            payload: base64ToBytes(request.payload),
            contentTopic: request.contentTopic,
            version: 1,
            timestamp: bigIntToUint64(BigInt(Date.now()) * 1_000_000n),
          })
        ).status === 'published'
          ? true
          : undefined,
      );
    };
    /** The request handler's count of jobs of `type` with `outcome` (its /metrics tell when one is decided). */
    const handled = async (type: string, outcome: string) => {
      const line = await platform.metrics(
        'request-handler',
        `request_handler_jobs_total{type="${type}",outcome="${outcome}"`,
      );
      return line ? Number(line.split(' ').at(-1)) : 0;
    };
    const untilHandled = (what: string, type: string, outcome: string, count: number) =>
      services.waitFor(what, async () => ((await handled(type, outcome)) >= count ? true : undefined), {
        timeoutMs: 90_000,
      });

    // 1. One STT of the two needed: the request is held pending, no member.
    const alice = new StatusMember('alice');
    await chain.mintErc20(stt, alice.walletAddress, E18);
    await requestToJoin(alice);
    // Decided by the request handler (its metrics tell when), not merely not yet handled.
    await untilHandled('the request handled and held', 'join', 'pending', 1);
    const held = await standing();
    expect(held.pending.edges.map(({ node }) => node.requesterKey)).toEqual([alice.memberKey]);
    expect(keysOf(held.active)).not.toContain(alice.memberKey);

    // 2. The second STT and a re-check: accepted, and the next description lists her.
    await chain.mintErc20(stt, alice.walletAddress, E18);
    await reevaluate('after-mint');
    await services.waitFor(
      'alice a member',
      async () => keysOf((await standing()).active).includes(alice.memberKey) || undefined,
      { timeoutMs: 90_000 },
    );
    expect((await standing()).pending.edges).toEqual([]);
    await services.waitFor(
      'a description listing alice at the member',
      async () => (await latestDecrypted(seen, communityId))?.members.has(alice.memberKey) || undefined,
      { timeoutMs: 90_000 },
    );

    // 2b. A second token, an ERC721 of a BECOME_TOKEN_MASTER permission, and a re-check: a token master.
    await chain.mintErc721(masterToken, alice.walletAddress, 1n);
    await reevaluate('after-master-mint');
    await services.waitFor(
      'alice a token master',
      async () =>
        (await standing()).active.edges
          .find(({ node }) => node.memberKey === alice.memberKey)
          ?.node.roles.includes('TOKEN_MASTER') || undefined,
      { timeoutMs: 90_000 },
    );
    await services.waitFor(
      'a description listing alice as token master at the member',
      async () =>
        (await latestDecrypted(seen, communityId))?.members
          .get(alice.memberKey)
          ?.roles.includes('TOKEN_MASTER') || undefined,
      { timeoutMs: 90_000 },
    );

    // 3. Both STT and the token master token given away (that role alone would keep her in) and a re-check:
    // removed, and the next description lists her no longer.
    await chain.transferErc721(masterToken, alice.walletAddress, OUTSIDER, 1n);
    await chain.transferErc20(stt, alice.walletAddress, OUTSIDER, 2n * E18);
    await reevaluate('after-transfer');
    const removed = await services.waitFor(
      'alice removed',
      async () => {
        const found = await standing();
        return keysOf(found.kicked).includes(alice.memberKey) ? found : undefined;
      },
      { timeoutMs: 90_000 },
    );
    expect(keysOf(removed.active)).not.toContain(alice.memberKey);
    const after = await services.waitFor(
      'a description without alice at the member',
      async () => {
        const description = await latestDecrypted(seen, communityId);
        return description && !description.members.has(alice.memberKey) ? description : undefined;
      },
      { timeoutMs: 90_000 },
    );
    expect(after.tokenPermissions.has(permissionId)).toBe(true);

    // 4. An RPC outage: carol (a member whose tokens went) stays, bob's request (enough tokens) stays pending.
    const bob = new StatusMember('bob');
    const carol = new StatusMember('carol');
    await chain.mintErc20(stt, bob.walletAddress, 2n * E18);
    await chain.mintErc20(stt, carol.walletAddress, 2n * E18);
    await requestToJoin(carol);
    await services.waitFor(
      'carol a member',
      async () => keysOf((await standing()).active).includes(carol.memberKey) || undefined,
      { timeoutMs: 90_000 },
    );
    await chain.transferErc20(stt, carol.walletAddress, OUTSIDER, 2n * E18);
    const heldBefore = await handled('join', 'pending');
    const unchangedBefore = await handled('members.reevaluate', 'unchanged');
    await chain.anvil.stop();
    await requestToJoin(bob);
    await untilHandled('bob held during the outage', 'join', 'pending', heldBefore + 1);
    await reevaluate('during-outage');
    await untilHandled(
      'the re-check during the outage',
      'members.reevaluate',
      'unchanged',
      unchangedBefore + 1,
    );
    const during = await standing();
    expect(keysOf(during.active)).toContain(carol.memberKey);
    expect(keysOf(during.active)).not.toContain(bob.memberKey);
    expect(during.pending.edges.map(({ node }) => node.requesterKey)).toEqual([bob.memberKey]);

    // Anvil back with its state: a re-check accepts bob and removes carol.
    await chain.anvil.start();
    await reevaluate('after-outage');
    const decided = await services.waitFor(
      'bob accepted and carol removed',
      async () => {
        const found = await standing();
        return keysOf(found.active).includes(bob.memberKey) && keysOf(found.kicked).includes(carol.memberKey)
          ? found
          : undefined;
      },
      { timeoutMs: 90_000 },
    );
    expect(keysOf(decided.active)).not.toContain(carol.memberKey);
    expect(decided.pending.edges).toEqual([]);
  });
});
