// Hostile traffic beside the member's posts: well-formed Waku messages (the relay passes them) whose Status
// content must be refused — undecryptable, truncated, from non-members, to channels that do not exist,
// forged signatures, an impostor's description, replays.
import { randomBytes, randomUUID } from 'node:crypto';
import { symKeyFor } from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import { contentTopicForChatId, encodeStatusMessage, memberUpdateChatId } from '@status-communities/protocol';
import type { SentMessage } from '@status-communities/testing';
import { StatusMember } from '@status-communities/testing';
import type { HostedCommunity } from './community.js';
import type { Outgoing } from './member-wire.js';

/** Forged posts carry this text, so any of them stored is found. */
export const FORGED_TEXT = 'forged';

const CHANNEL_SHARD = '/waku/2/rs/16/256';
const DESCRIPTION_SHARD = '/waku/2/rs/16/128';

export interface ForgeryInputs {
  readonly community: HostedCommunity;
  /** A member of the community (its posts to a missing channel). */
  readonly member: StatusMember;
  /** One of the member's real posts, to truncate and replay. */
  readonly realPost: SentMessage;
}

/** One kind of forgery: the i-th message of that kind. */
export type Forgery = (index: number) => Outgoing;

/** Every kind, by name. */
export const forgeryKinds = ({ community, member, realPost }: ForgeryInputs): Record<string, Forgery> => {
  const { communityId, channelId } = community;
  const channelTopic = contentTopicForChatId(memberUpdateChatId(communityId));
  const mallory = new StatusMember('mallory');
  const requestTopic = mallory.requestToJoin(communityId);
  const impostorDescription = (index: number): Outgoing => {
    // A newer clock than the owner's and the impostor as its only member: a takeover if accepted.
    const description = status.CommunityDescription.create({
      clock: Date.now() * 1000 + index,
      members: { [mallory.memberKey]: status.CommunityMember.create({ roles: [1] }) },
    });
    const encoded = unwrap(
      encodeStatusMessage({
        type: status.ApplicationMetadataMessage.Type.COMMUNITY_DESCRIPTION,
        payload: encodeProto(status.CommunityDescription, description),
        signerPriv: mallory.privateKey,
        envelope: { symKey: symKeyFor(communityId) },
      }),
    );
    return {
      pubsubTopic: DESCRIPTION_SHARD,
      contentTopic: contentTopicForChatId(communityId),
      payload: encoded.payloads[0] ?? new Uint8Array(),
    };
  };
  return {
    'random bytes on the channel topic': () => ({
      pubsubTopic: CHANNEL_SHARD,
      contentTopic: channelTopic,
      payload: randomBytes(64 + Math.floor(Math.random() * 512)),
    }),
    'random bytes on the community topic': () => ({
      pubsubTopic: DESCRIPTION_SHARD,
      contentTopic: contentTopicForChatId(communityId),
      payload: randomBytes(64 + Math.floor(Math.random() * 512)),
    }),
    'random bytes to the control node': () => ({ ...requestTopic, payload: randomBytes(200) }),
    'truncated post': () => ({
      ...realPost,
      payload: realPost.payload.slice(0, realPost.payload.length >> 1),
    }),
    'replayed post': () => realPost,
    'post by a non-member': (index) =>
      mallory.post(communityId, channelId, `${FORGED_TEXT} non-member ${index}`),
    'post to a channel that does not exist': (index) =>
      member.post(communityId, randomUUID(), `${FORGED_TEXT} unknown channel ${index}`),
    'request with a forged signature': () =>
      new StatusMember('forger').requestToJoin(communityId, { corruptSignature: true }),
    "request revealing another wallet's signature": () =>
      new StatusMember('borrower').requestToJoin(communityId, { revealed: 'mismatch' }),
    'description signed by an impostor': impostorDescription,
  };
};
