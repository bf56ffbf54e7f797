import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { bytesToPrefixedHex, generatePrivateKey, publicKeyFromPrivateKey } from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import {
  communityTopics,
  negotiatedSecret,
  negotiatedTopic,
  partitionedTopic,
} from '@status-communities/protocol';
import { RouteTable } from './route-table.js';

const newCommunityId = () =>
  bytesToPrefixedHex(publicKeyFromPrivateKey(generatePrivateKey(), { compressed: true }));

describe('RouteTable', () => {
  const watched = newCommunityId();
  const hosted = newCommunityId();
  const channel = randomUUID();
  const table = new RouteTable([
    { communityId: watched, hosted: false, channelUuids: [channel] },
    { communityId: hosted, hosted: true, channelUuids: [] },
  ]);
  const topicsOf = (communityId: string, channels: string[] = []) =>
    unwrap(communityTopics(communityId, channels));

  it('routes a watched community’s description, universal and legacy channel topics with their keys', () => {
    const topics = topicsOf(watched, [channel]);
    for (const topic of [topics.description, topics.memberUpdate, topics.channels.get(channel)!]) {
      const [route] = table.lookup(topic.contentTopic);
      expect(route).toMatchObject({
        kind: 'symmetric',
        communityId: watched,
        topic: { chatId: topic.chatId },
      });
      expect(route?.kind === 'symmetric' && route.topic.symKey).toEqual(topic.symKey);
    }
    // A spectator cannot open requests to the control node: not routed.
    expect(table.lookup(topics.requestsToControlNode.contentTopic)).toEqual([]);
  });

  it('routes a hosted community’s request topic for forwarding', () => {
    expect(table.lookup(topicsOf(hosted).requestsToControlNode.contentTopic)).toEqual([
      { kind: 'requests', communityId: hosted },
    ]);
  });

  it('leaves other topics unrouted, and learns channels a description adds', () => {
    const later = randomUUID();
    const laterTopic = topicsOf(watched, [later]).channels.get(later)!.contentTopic;
    expect(table.lookup(laterTopic)).toEqual([]);
    expect(table.addChannels(watched, [channel, later])).toBe(true);
    expect(table.lookup(laterTopic)).toHaveLength(1);
    expect(table.addChannels(watched, [later])).toBe(false);
    // Only communities of the table learn channels.
    expect(table.addChannels(newCommunityId(), [randomUUID()])).toBe(false);
  });

  it('keeps a community routable when one of its channel names is unusable', () => {
    const community = newCommunityId();
    const withReserved = new RouteTable([
      { communityId: community, hosted: false, channelUuids: ['-ping', channel] },
    ]);
    expect(withReserved.lookup(topicsOf(community).description.contentTopic)).toHaveLength(1);
    expect(
      withReserved.lookup(topicsOf(community, [channel]).channels.get(channel)!.contentTopic),
    ).toHaveLength(1);
  });

  it("routes each bot's partitioned topic and its negotiated topics to the bot", () => {
    const botPrivate = generatePrivateKey();
    const botPublic = publicKeyFromPrivateKey(botPrivate);
    const botKey = bytesToPrefixedHex(botPublic);
    const peer = publicKeyFromPrivateKey(generatePrivateKey());
    const negotiated = unwrap(negotiatedTopic(unwrap(negotiatedSecret(botPrivate, peer)))).contentTopic;
    const table = new RouteTable([], [botKey], [{ contentTopic: negotiated, botKey }]);
    expect(table.lookup(unwrap(partitionedTopic(botPublic)).contentTopic)).toEqual([
      { kind: 'direct', botKey },
    ]);
    expect(table.lookup(negotiated)).toEqual([{ kind: 'direct', botKey }]);
    // The peer's partitioned topic is the peer's business.
    expect(table.lookup(unwrap(partitionedTopic(peer)).contentTopic)).toEqual([]);
  });
});
