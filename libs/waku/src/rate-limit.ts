export interface Rate {
  /** Requests a second, sustained. */
  readonly perSecond: number;
  /** Requests at once after a quiet spell. */
  readonly burst: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** A token bucket per peer. Time comes from the caller. */
export class PeerRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly rate: Rate) {}

  /** Takes one request's token; false when the peer is over its rate. */
  take(peer: string, nowMs: number): boolean {
    const bucket = this.buckets.get(peer) ?? { tokens: this.rate.burst, updatedMs: nowMs };
    const refilled = ((nowMs - bucket.updatedMs) / 1_000) * this.rate.perSecond;
    bucket.tokens = Math.min(this.rate.burst, bucket.tokens + Math.max(0, refilled));
    bucket.updatedMs = nowMs;
    this.buckets.set(peer, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Forgets peers whose bucket is full again: they are as new. */
  prune(nowMs: number): void {
    const fullAfterMs = (this.rate.burst / this.rate.perSecond) * 1_000;
    for (const [peer, bucket] of this.buckets)
      if (nowMs - bucket.updatedMs >= fullAfterMs) this.buckets.delete(peer);
  }

  get peers(): number {
    return this.buckets.size;
  }
}
