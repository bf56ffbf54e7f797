import { randomBytes } from 'node:crypto';
import type { waku } from '@status-communities/proto';
import { bigIntToUint64 } from '@status-communities/proto';

/** A WakuMessage our node will publish: version 1, timestamped now, a random 32-byte payload. */
export const testWakuMessage = (
  overrides: Partial<waku.WakuMessage.$Properties> = {},
): waku.WakuMessage.$Properties => ({
  payload: randomBytes(32),
  contentTopic: '/waku/1/0x12345678/rfc26',
  version: 1,
  timestamp: bigIntToUint64(BigInt(Date.now()) * 1_000_000n),
  ...overrides,
});
