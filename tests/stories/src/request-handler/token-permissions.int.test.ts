import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TokenTestChain } from '@status-communities/chain/testing';
import { startTokenTestChain } from '@status-communities/chain/testing';
import { symKeyFor } from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { GroupKeyStore, SecretBytes, createMasterKeyRing } from '@status-communities/keyring';
import type { status } from '@status-communities/proto';
import {
  contentTopicForChatId,
  decodeStatusMessage,
  decryptCommunityDescription,
  indexHashRatchetKeys,
  readCommunityDescription,
} from '@status-communities/protocol';
import type { CreatedCommunity } from '@status-communities/publisher/testing';
import { createCommunity } from '@status-communities/publisher/testing';
import type { CommunityRequestJob, OutboundWakuMessage } from '@status-communities/queue';
import { base64ToBytes } from '@status-communities/queue';
import { StatusMember } from '@status-communities/testing';
import type { Harness } from './harness.js';
import { createRequestHarness, outcomeOf } from './harness.js';

const E18 = 10n ** 18n;
const OUTSIDER = '0x' + '99'.repeat(20);
// A BECOME_MEMBER permission makes the community encrypted: the publisher needs its group-key store.
const GROUP_KEYS = { GROUP_KEYS_MASTER_KEY: randomBytes(32).toString('hex'), GROUP_KEYS_MASTER_KEY_ID: 'g1' };

describe('token permissions on a real chain: joins, roles, re-evaluation, outages', () => {
  let h: Harness;
  let chain: TokenTestChain;
  let community: CreatedCommunity;
  let stt: string;
  let masterToken: string;
  const sent: OutboundWakuMessage[] = [];

  /** The newest published description, its private parts opened with the control node's own group keys. */
  const published = async () => {
    await h.settle();
    sent.push(...(await h.p.waitForOutbound(0)));
    let latest: status.CommunityDescription | undefined;
    for (const message of sent) {
      if (message.contentTopic !== contentTopicForChatId(community.communityId)) continue;
      const decoded = decodeStatusMessage(base64ToBytes(message.payload), {
        symKey: symKeyFor(community.communityId),
      });
      if (
        !decoded.ok ||
        decoded.value.kind !== 'message' ||
        decoded.value.typeName !== 'COMMUNITY_DESCRIPTION'
      )
        continue;
      const description = decoded.value.message as status.CommunityDescription;
      if (!latest || Number(description.clock) >= Number(latest.clock)) latest = description;
    }
    if (!latest) return undefined;
    const store = new GroupKeyStore(
      h.p.prisma,
      unwrap(
        createMasterKeyRing(
          { id: 'g1', key: SecretBytes.of(Buffer.from(GROUP_KEYS.GROUP_KEYS_MASTER_KEY, 'hex')) },
          [],
        ),
      ),
    );
    const keys = unwrap(await store.ofCommunity(community.communityId)).map((entry) => entry.key);
    const { description } = decryptCommunityDescription(latest, indexHashRatchetKeys(keys));
    return unwrap(readCommunityDescription(description, community.communityId));
  };
  const member = (memberKey: string) =>
    h.p.prisma.member.findUnique({
      where: { communityId_memberKey: { communityId: community.communityId, memberKey } },
    });
  const command = (job: Record<string, unknown>) =>
    h.submit({
      actor: 'api-key-owner',
      correlationId: randomUUID(),
      communityId: community.communityId,
      ...job,
    } as CommunityRequestJob);
  const reevaluate = () => command({ type: 'members.reevaluate', reason: 'demand' });
  const criteria = (type: 'ERC20' | 'ERC721', contract: string, amountInWei: string, decimals = 0) => ({
    type,
    contractAddresses: { '1': contract },
    symbol: type === 'ERC20' ? 'STT' : 'TM',
    name: '',
    amount: '',
    amountInWei,
    tokenIds: [],
    ensPattern: '',
    decimals,
  });

  beforeAll(async () => {
    chain = await startTokenTestChain({ chainId: '1' });
    await chain.installMulticall3();
    stt = await chain.deployErc20('Status Test Token', 'STT', 18);
    masterToken = await chain.deployErc721('Token Master', 'TM');
    h = await createRequestHarness('tokens');
    await h.p.start(GROUP_KEYS);
    await h.startHandler({
      CHAIN_RPC_URLS: `1=${chain.url}`,
      CHAIN_CACHE_TTL_MS: '0',
      CHAIN_RPC_TIMEOUT_MS: '2000',
    });
    community = await createCommunity(h.p, 'Token gated');
    const member = await command({
      type: 'permission.upsert',
      permission: {
        id: 'member',
        type: 'BECOME_MEMBER',
        criteria: [criteria('ERC20', stt, (2n * E18).toString(), 18)],
        chatIds: [],
        isPrivate: false,
      },
    });
    expect(outcomeOf(member)).toMatchObject({ outcome: 'updated' });
    const master = await command({
      type: 'permission.upsert',
      permission: {
        id: 'master',
        type: 'BECOME_TOKEN_MASTER',
        criteria: [criteria('ERC721', masterToken, '1')],
        chatIds: [],
        isPrivate: false,
      },
    });
    expect(outcomeOf(master)).toMatchObject({ outcome: 'updated' });
  }, 120_000);

  afterAll(async () => {
    await h?.close();
    await chain?.close();
  });

  it('publishes the permissions in the description', async () => {
    const description = await published();
    expect([...(description?.tokenPermissions.keys() ?? [])].sort()).toEqual(['master', 'member']);
    expect(description?.tokenPermissions.get('member')?.criteria[0]).toMatchObject({
      type: 'ERC20',
      amountInWei: '2000000000000000000',
      contractAddresses: new Map([['1', stt]]),
    });
  });

  it('too few tokens: held pending; after a mint the re-check accepts; a second token makes a token master; a transfer away removes', async () => {
    const alice = new StatusMember('alice');
    await chain.mintErc20(stt, alice.walletAddress, E18);
    const join = await h.inbound(
      community.communityId,
      alice.requestToJoin(community.communityId, { chainIds: [1n] }),
    );
    expect(outcomeOf(join)).toMatchObject({ outcome: 'pending', reason: 'permissions-not-met' });
    expect(await member(alice.memberKey)).toBeNull();

    await chain.mintErc20(stt, alice.walletAddress, E18);
    expect(outcomeOf(await reevaluate())).toMatchObject({ outcome: 'reevaluated' });
    expect(await member(alice.memberKey)).toMatchObject({ state: 'ACTIVE', roles: [] });
    expect((await published())?.members.has(alice.memberKey)).toBe(true);
    expect(
      await h.p.prisma.requestToJoin.findFirst({ where: { requesterKey: alice.memberKey } }),
    ).toMatchObject({
      state: 'ACCEPTED',
      heldBy: null,
    });

    await chain.mintErc721(masterToken, alice.walletAddress, 1n);
    await reevaluate();
    expect(await member(alice.memberKey)).toMatchObject({ state: 'ACTIVE', roles: ['TOKEN_MASTER'] });
    expect((await published())?.members.get(alice.memberKey)?.roles).toEqual(['TOKEN_MASTER']);

    // The token master role alone keeps her in: give both away.
    await chain.transferErc721(masterToken, alice.walletAddress, OUTSIDER, 1n);
    await chain.transferErc20(stt, alice.walletAddress, OUTSIDER, 2n * E18);
    await reevaluate();
    expect(await member(alice.memberKey)).toMatchObject({ state: 'KICKED', roles: [] });
    expect((await published())?.members.has(alice.memberKey)).toBe(false);
    const events = (await h.events()).filter(
      (event) => 'memberKey' in event && event.memberKey === alice.memberKey,
    );
    expect(events.map((event) => event.type)).toEqual([
      'member.joined',
      'member.roles_changed',
      'member.removed',
    ]);
    expect(events.at(-1)).toMatchObject({ reason: 'PERMISSIONS' });
  }, 120_000);

  it('a chain outage decides nothing: a request stays pending, members stay; both re-checked once it is back', async () => {
    const bob = new StatusMember('bob');
    const carol = new StatusMember('carol');
    await chain.mintErc20(stt, bob.walletAddress, 2n * E18);
    await chain.mintErc20(stt, carol.walletAddress, 2n * E18);
    expect(
      outcomeOf(
        await h.inbound(
          community.communityId,
          carol.requestToJoin(community.communityId, { chainIds: [1n] }),
        ),
      ),
    ).toMatchObject({ outcome: 'accepted' });
    // Carol's tokens go while the chain is down: she must not be removed until it answers again.
    await chain.transferErc20(stt, carol.walletAddress, OUTSIDER, 2n * E18);

    await chain.anvil.stop();
    const join = await h.inbound(
      community.communityId,
      bob.requestToJoin(community.communityId, { chainIds: [1n] }),
    );
    expect(outcomeOf(join)).toMatchObject({ outcome: 'pending', reason: 'chain-unavailable' });
    expect(outcomeOf(await reevaluate())).toMatchObject({
      outcome: 'unchanged',
      reason: 'chain-unavailable',
    });
    expect(await member(bob.memberKey)).toBeNull();
    expect(await member(carol.memberKey)).toMatchObject({ state: 'ACTIVE' });

    await chain.anvil.start();
    await reevaluate();
    expect(await member(bob.memberKey)).toMatchObject({ state: 'ACTIVE' });
    expect(await member(carol.memberKey)).toMatchObject({ state: 'KICKED' });
  }, 120_000);

  it("MANUAL_ACCEPT: an admin's accept is refused while the tokens are not held, and goes through once they are", async () => {
    const switched = await h.p.command({
      type: 'community.update',
      actor: 'fixture',
      correlationId: randomUUID(),
      communityId: community.communityId,
      permissions: { access: 'MANUAL_ACCEPT' },
    });
    expect(switched.failedReason).toBeFalsy();
    const dave = new StatusMember('dave');
    const join = await h.inbound(
      community.communityId,
      dave.requestToJoin(community.communityId, { chainIds: [1n] }),
    );
    expect(outcomeOf(join)).toMatchObject({ outcome: 'pending' });
    const requestId = outcomeOf(join).requestId ?? '';
    const accept = () => command({ type: 'request.decide', requestId, decision: 'accept' });
    const refused = await accept();
    expect(refused.failedReason).toMatch(/do not meet the token permissions/);
    expect(await member(dave.memberKey)).toBeNull();
    await chain.mintErc20(stt, dave.walletAddress, 2n * E18);
    expect(outcomeOf(await accept())).toMatchObject({ outcome: 'accepted' });
    expect(await member(dave.memberKey)).toMatchObject({ state: 'ACTIVE' });
  }, 120_000);
});
