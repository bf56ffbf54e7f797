import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { IDecodedMessage, LightNode } from '@waku/sdk';
import { Protocols } from '@waku/sdk';
import { waku } from '@status-communities/proto';
import type { FilterPush, FilterService, ServedFilterRequest, WakuNode } from '../index.js';
import { FILTER_SUBSCRIBE_CODEC, serveFilter } from '../index.js';
import {
  CONTENT_TOPIC,
  PUBSUB_TOPIC,
  ServiceNodes,
  decoder,
  encryptedMessage,
  exchangeRaw,
  meshed,
  text,
  websocketAddressOf,
} from '../testing/light-clients.js';

jest.setTimeout(30_000);

const Type = waku.filter.v2.FilterSubscribeRequest.FilterSubscribeType;
const topics = (count: number): string[] =>
  Array.from({ length: count }, (_, index) => `/waku/1/0x${index.toString(16).padStart(8, '0')}/rfc26`);

/** The next `count` things a callback receives. */
const collect = <T>(count: number): { add: (item: T) => void; items: Promise<T[]> } => {
  const items: T[] = [];
  let resolve: (items: T[]) => void = () => undefined;
  const done = new Promise<T[]>((fulfil) => (resolve = fulfil));
  return {
    add: (item) => {
      items.push(item);
      if (items.length === count) resolve(items);
    },
    items: done,
  };
};

describe('serveFilter', () => {
  const nodes = new ServiceNodes();
  const served: ServedFilterRequest[] = [];
  const pushes: FilterPush[] = [];
  let server: WakuNode;
  let publisher: WakuNode;
  let rawClient: WakuNode;
  let service: FilterService;
  let light: LightNode;

  const request = async (
    fields: waku.filter.v2.FilterSubscribeRequest.$Properties,
  ): Promise<waku.filter.v2.FilterSubscribeResponse> =>
    waku.filter.v2.FilterSubscribeResponse.decode(
      await exchangeRaw(
        rawClient,
        server,
        FILTER_SUBSCRIBE_CODEC,
        waku.filter.v2.FilterSubscribeRequest.encode({ requestId: 'raw', ...fields }).finish(),
      ),
    );

  beforeAll(async () => {
    server = await nodes.relay();
    publisher = await nodes.relay();
    rawClient = await nodes.relay();
    service = await serveFilter(server, {
      limits: { maxSubscribers: 3, maxCriteriaPerSubscriber: 150 },
      onRequest: (request) => served.push(request),
      onPush: (push) => pushes.push(push),
    });
    await publisher.connect(server.multiaddrs[0]!);
    await rawClient.connect(server.multiaddrs[0]!);
    light = await nodes.light();
    await light.dial(websocketAddressOf(server));
    await light.waitForPeers([Protocols.Filter]);
  });

  afterAll(async () => {
    await service?.close();
    await nodes.stopAll();
  });

  it('pushes what relay brings to a stock @waku/sdk light node subscribed over websockets', async () => {
    const received = collect<IDecodedMessage>(2);
    expect(await light.filter.subscribe(decoder, received.add)).toBe(true);
    expect(service.subscriptions).toEqual({ subscribers: 1, criteria: 1 });
    await meshed([publisher, server]);
    await publisher.publish(PUBSUB_TOPIC, await encryptedMessage('first'));
    await publisher.publish(PUBSUB_TOPIC, await encryptedMessage('second'));
    await publisher.publish(PUBSUB_TOPIC, await encryptedMessage('elsewhere', '/waku/1/0xffffffff/rfc26'));
    const messages = await received.items;
    expect(messages.map(text)).toEqual(['first', 'second']);
    expect(messages.every((message) => message.pubsubTopic === PUBSUB_TOPIC)).toBe(true);
    expect(pushes.filter((push) => push.outcome === 'pushed').length).toBeGreaterThanOrEqual(2);
    expect(served.some((request) => request.type === 'subscribe' && request.statusCode === 200)).toBe(true);
  });

  it('answers a ping from a subscriber with 200 and from anyone else with 404', async () => {
    expect(await request({ filterSubscribeType: Type.SUBSCRIBER_PING })).toMatchObject({
      requestId: 'raw',
      statusCode: 404,
    });
    expect(
      await request({
        filterSubscribeType: Type.SUBSCRIBE,
        pubsubTopic: PUBSUB_TOPIC,
        contentTopics: [CONTENT_TOPIC],
      }),
    ).toMatchObject({ statusCode: 200 });
    expect(await request({ filterSubscribeType: Type.SUBSCRIBER_PING })).toMatchObject({ statusCode: 200 });
    expect(await request({ filterSubscribeType: Type.UNSUBSCRIBE_ALL })).toMatchObject({ statusCode: 200 });
    expect(await request({ filterSubscribeType: Type.UNSUBSCRIBE_ALL })).toMatchObject({ statusCode: 404 });
  });

  it('refuses bad requests with the spec codes: 400, 404, 503', async () => {
    const subscribe = (fields: waku.filter.v2.FilterSubscribeRequest.$Properties) =>
      request({ filterSubscribeType: Type.SUBSCRIBE, pubsubTopic: PUBSUB_TOPIC, ...fields });
    expect(await subscribe({ contentTopics: [] })).toMatchObject({ statusCode: 400 });
    expect(await subscribe({ contentTopics: topics(101) })).toMatchObject({
      statusCode: 400,
      statusDesc: '101 content topics, at most 100',
    });
    expect(
      await subscribe({ pubsubTopic: '/waku/2/rs/16/999', contentTopics: [CONTENT_TOPIC] }),
    ).toMatchObject({
      statusCode: 400,
      statusDesc: 'pubsub topic /waku/2/rs/16/999 is not relayed by this node',
    });
    expect(await request({ filterSubscribeType: 7 as never })).toMatchObject({ statusCode: 400 });
    expect(
      await request({
        filterSubscribeType: Type.UNSUBSCRIBE,
        pubsubTopic: PUBSUB_TOPIC,
        contentTopics: [CONTENT_TOPIC],
      }),
    ).toMatchObject({ statusCode: 404 });
    // Past its own criteria (150 here): 503, as nwaku answers.
    expect(await subscribe({ contentTopics: topics(100) })).toMatchObject({ statusCode: 200 });
    expect(await subscribe({ contentTopics: topics(100).map((topic) => `${topic}x`) })).toMatchObject({
      statusCode: 503,
      statusDesc: '200 content topics subscribed, at most 150 per peer',
    });
    // A third subscriber fills the service (3 here); a fourth is refused with 503.
    const third = await nodes.relay();
    const fourth = await nodes.relay();
    for (const [client, statusCode] of [
      [third, 200],
      [fourth, 503],
    ] as const) {
      await client.connect(server.multiaddrs[0]!);
      const response = waku.filter.v2.FilterSubscribeResponse.decode(
        await exchangeRaw(
          client,
          server,
          FILTER_SUBSCRIBE_CODEC,
          waku.filter.v2.FilterSubscribeRequest.encode({
            requestId: 'other',
            filterSubscribeType: Type.SUBSCRIBE,
            pubsubTopic: PUBSUB_TOPIC,
            contentTopics: [CONTENT_TOPIC],
          }).finish(),
        ),
      );
      expect(response.statusCode).toBe(statusCode);
    }
    expect(await request({ filterSubscribeType: Type.UNSUBSCRIBE_ALL })).toMatchObject({ statusCode: 200 });
  });

  it('answers a malformed frame with 400 and an empty request id, and keeps serving', async () => {
    const response = waku.filter.v2.FilterSubscribeResponse.decode(
      await exchangeRaw(rawClient, server, FILTER_SUBSCRIBE_CODEC, Uint8Array.from([0x0a, 0xff, 0x01])),
    );
    expect(response).toMatchObject({ requestId: '', statusCode: 400 });
    expect(response.statusDesc).toMatch(/not a valid waku\.filter\.v2\.FilterSubscribeRequest/);
    expect(await request({ filterSubscribeType: Type.SUBSCRIBER_PING })).toMatchObject({ statusCode: 404 });
  });
});
