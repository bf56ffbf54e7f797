import { generateKeyPair, privateKeyFromRaw } from '@libp2p/crypto/keys';
import type { PrivateKey } from '@libp2p/interface';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';

const NODE_KEY_HEX = /^(?:0x)?([0-9a-fA-F]{64})$/;

/**
 * A node's libp2p identity from a secp256k1 private key written as nwaku's `--nodekey` (64 hex digits, 0x
 * optional); undefined when the text is not one.
 */
export const nodeKeyFromHex = (text: string): PrivateKey | undefined => {
  const digits = NODE_KEY_HEX.exec(text.trim())?.[1];
  if (digits === undefined) return undefined;
  try {
    // The object libp2p takes; @libp2p/crypto's declarations name another copy of @libp2p/interface, whose
    // stream types differ from the copy libp2p's options name.
    return privateKeyFromRaw(Uint8Array.from(Buffer.from(digits, 'hex'))) as unknown as PrivateKey;
  } catch {
    // Zero, or not below the curve order.
    return undefined;
  }
};

/** A new node key in WAKU_NODE_KEY's form. */
export const generateNodeKey = async (): Promise<string> =>
  Buffer.from((await generateKeyPair('secp256k1')).raw).toString('hex');

/** The peer id a node runs under with this key (what peers and logs show); undefined when it is no key. */
export const peerIdOfNodeKey = (text: string): string | undefined => {
  const key = nodeKeyFromHex(text);
  return key === undefined ? undefined : peerIdFromPrivateKey(key).toString();
};
