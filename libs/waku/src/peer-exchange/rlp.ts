/** An RLP item: a byte string or a list of items (Ethereum's recursive length prefix). */
export type RlpItem = Uint8Array | readonly RlpItem[];

const lengthBytes = (length: number): number[] => {
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return bytes;
};

const prefixed = (offset: number, body: Uint8Array): Uint8Array => {
  const head =
    body.length <= 55
      ? [offset + body.length]
      : [offset + 55 + lengthBytes(body.length).length, ...lengthBytes(body.length)];
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
};

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

/** RLP encoding (the Ethereum yellow paper, appendix B): what EIP-778 records are made of. */
export const rlpEncode = (item: RlpItem): Uint8Array => {
  if (item instanceof Uint8Array)
    return item.length === 1 && (item[0] ?? 0) < 0x80 ? item : prefixed(0x80, item);
  return prefixed(0xc0, concat(item.map(rlpEncode)));
};
