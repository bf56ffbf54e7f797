import type { WakuNode } from '@status-communities/waku';

const varint = (value: number): number[] => {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
};

/**
 * One length-prefixed request of raw bytes on `codec`, from a node of ours as a light client would send it, and
 * the response's bytes (the server answers once and ends the stream): frames the stock client never sends.
 */
export const rawExchange = async (
  client: WakuNode,
  server: WakuNode,
  codec: string,
  body: Uint8Array,
): Promise<Uint8Array> => {
  const signal = AbortSignal.timeout(10_000);
  const stream = await client.light.libp2p.dialProtocol(server.light.libp2p.peerId, codec, { signal });
  await stream.sink([Uint8Array.from([...varint(body.length), ...body])]);
  const received: number[] = [];
  for await (const chunk of stream.source) received.push(...chunk.subarray());
  let length = 0;
  let offset = 0;
  for (let shift = 1; ; shift *= 0x80) {
    const byte = received[offset++];
    if (byte === undefined) throw new Error('no response');
    length += (byte & 0x7f) * shift;
    if (byte < 0x80) break;
  }
  return Uint8Array.from(received.slice(offset, offset + length));
};
