import { proto_store } from '@waku/proto';
import { waku } from '@status-communities/proto';

/**
 * Our WakuMessage in @waku/proto's Store v3 types, through its own bytes so that no field is lost. Only a
 * rate_limit_proof that is not a RateLimitProof (our relay does not look inside it) is left out.
 */
export const toStoreWakuMessage = (message: waku.WakuMessage.$Properties): proto_store.WakuMessage => {
  try {
    return proto_store.WakuMessage.decode(waku.WakuMessage.encode(message).finish());
  } catch {
    const { rateLimitProof: _dropped, ...rest } = message;
    return proto_store.WakuMessage.decode(waku.WakuMessage.encode(rest).finish());
  }
};

/** A Store v3 WakuMessage as ours, through its bytes. */
export const fromStoreWakuMessage = (message: proto_store.WakuMessage): waku.WakuMessage =>
  waku.WakuMessage.decode(proto_store.WakuMessage.encode(message));

export const hashToHex = (hash: Uint8Array): string => Buffer.from(hash).toString('hex');

export const hexToHash = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));
