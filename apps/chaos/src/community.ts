import type { StatusMember } from '@status-communities/testing';
import { latestDescription } from '@status-communities/testing';
import { graphql } from './graphql.js';
import type { MemberWire } from './member-wire.js';
import type { ChaosPlatform } from './platform.js';

export interface HostedCommunity {
  readonly communityId: string;
  /** The channel's uuid (the chat id is communityId + uuid). */
  readonly channelId: string;
}

interface UserErrors {
  readonly userErrors: readonly unknown[];
}

const noUserErrors = (what: string, result: UserErrors): void => {
  if (result.userErrors.length > 0) throw new Error(`${what}: ${JSON.stringify(result.userErrors)}`);
};

/** A community the platform hosts (AUTO_ACCEPT), with one channel, created through GraphQL until published. */
export const createHostedCommunity = async (
  platform: ChaosPlatform,
  name: string,
): Promise<HostedCommunity> => {
  const ask = <D>(query: string, variables?: Record<string, unknown>) =>
    graphql<D>(platform.graphqlUrl, platform.adminKey, query, variables);
  const { createCommunity } = await ask<{ createCommunity: UserErrors }>(
    `mutation ($name: String!) { createCommunity(input: { identity: { name: $name, description: "Under fault",
      color: "#4360df" }, access: AUTO_ACCEPT, idempotencyKey: $name }) { userErrors { code message } } }`,
    { name },
  );
  noUserErrors('createCommunity', createCommunity);
  const communityId = await platform.processes.waitFor(
    'the community published',
    async () =>
      (
        await ask<{
          communities: { edges: { node: { communityId: string; lastPublishedAt: string | null } }[] };
        }>('{ communities(filter: { kind: HOSTED }) { edges { node { communityId lastPublishedAt } } } }')
      ).communities.edges.find((edge) => edge.node.lastPublishedAt !== null)?.node.communityId,
    { timeoutMs: 90_000 },
  );
  const { createChannel } = await ask<{ createChannel: UserErrors & { channelId: string } }>(
    `mutation ($id: String!) { createChannel(input: { communityId: $id, name: "general", color: "#4360df" }) {
      channelId userErrors { code message } } }`,
    { id: communityId },
  );
  noUserErrors('createChannel', createChannel);
  return { communityId, channelId: createChannel.channelId };
};

/**
 * A member asks to join as the Status app does, once it has seen the channel in a description, and resolves
 * when the control node's acceptance reaches it — the moment the app lets its user post.
 */
export const requestToJoin = async (
  platform: ChaosPlatform,
  wire: MemberWire,
  member: StatusMember,
  community: HostedCommunity,
): Promise<void> => {
  const wait = platform.processes.waitFor.bind(platform.processes);
  await wait(
    'the description with the channel at the member',
    async () =>
      latestDescription(wire.communityMessages(community.communityId), community.communityId)?.channels.has(
        community.channelId,
      ) || undefined,
    { timeoutMs: 90_000 },
  );
  const request = member.requestToJoin(community.communityId);
  await wait(
    `${member.displayName}'s request out`,
    async () => (await wire.publish(request)).status === 'published' || undefined,
  );
  await wait(
    `the acceptance at ${member.displayName}`,
    async () => member.responses(wire.seen).find((answer) => answer.response.accepted),
    { timeoutMs: 90_000 },
  );
};

/** Resolves when the member is in the newest description it has seen. */
export const waitForMembership = (
  platform: ChaosPlatform,
  wire: MemberWire,
  member: StatusMember,
  community: HostedCommunity,
): Promise<true> =>
  platform.processes.waitFor(
    `${member.displayName} in the description`,
    async () =>
      latestDescription(wire.communityMessages(community.communityId), community.communityId)?.members.has(
        member.memberKey,
      ) || undefined,
    { timeoutMs: 90_000 },
  );
