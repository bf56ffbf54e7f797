import { z } from 'zod';
import { redisKeys } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';

/** How long a gateway's record stands without a refresh: three refreshes missed, it is gone. */
export const GATEWAY_RECORD_TTL_MS = 90_000;
/** How often a gateway writes its record again (addresses and shards can change). */
export const GATEWAY_RECORD_REFRESH_MS = 30_000;

const Entry = z.object({ enr: z.string().min(1), at: z.number() });

/**
 * The gateways' signed ENRs in the shared Redis: each writes its own, and peer exchange hands a light client the
 * others', so one that knows a gateway finds the rest. A gateway that stops takes its record out; one that dies
 * leaves it for at most the TTL.
 */
export class GatewayRecords {
  private readonly key: string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly peerId: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.key = redisKeys(prefix).gatewayRecords;
  }

  async announce(enr: Uint8Array): Promise<void> {
    const entry = { enr: Buffer.from(enr).toString('base64'), at: this.clock() };
    await this.redis.hset(this.key, this.peerId, JSON.stringify(entry));
  }

  async withdraw(): Promise<void> {
    await this.redis.hdel(this.key, this.peerId);
  }

  /** The other gateways' live records; stale and unreadable ones are deleted. */
  async others(): Promise<Uint8Array[]> {
    const all = await this.redis.hgetall(this.key);
    const now = this.clock();
    const live: Uint8Array[] = [];
    const stale: string[] = [];
    for (const [peerId, text] of Object.entries(all)) {
      if (peerId === this.peerId) continue;
      let entry: z.infer<typeof Entry> | undefined;
      try {
        entry = Entry.parse(JSON.parse(text));
      } catch {
        entry = undefined;
      }
      if (entry === undefined || now - entry.at > GATEWAY_RECORD_TTL_MS) stale.push(peerId);
      else live.push(Buffer.from(entry.enr, 'base64'));
    }
    if (stale.length > 0) await this.redis.hdel(this.key, ...stale);
    return live;
  }
}
