import { setTimeout as sleep } from 'node:timers/promises';
import { waitFor } from '@status-communities/testing';
import type { SentMessage, StatusMember } from '@status-communities/testing';
import type { HostedCommunity } from './community.js';
import type { MemberWire } from './member-wire.js';
import { postText } from './tally.js';

export interface PostedSequence {
  /** The numbers the member's node published. */
  readonly sent: readonly number[];
  /** Publishes the node refused, by outcome (no peers…): not counted as sent. */
  readonly failed: ReadonlyMap<string, number>;
  /** The number the next sequence starts at. */
  readonly nextSeq: number;
}

/**
 * A member posting `chaos post <n>` for n = firstSeq, firstSeq+1, … in the channel at a steady rate, as a
 * busy Status app user would, until stopped. Posts are paced from the start time, so a slow publish is caught
 * up rather than lowering the rate.
 */
export class SequencePoster {
  private readonly sentSeqs: number[] = [];
  private readonly failed = new Map<string, number>();
  private next: number;
  private stopped = false;
  private readonly loop: Promise<void>;
  /** The newest post, for replaying it. */
  lastPost: SentMessage | undefined;

  constructor(
    private readonly wire: MemberWire,
    private readonly member: StatusMember,
    private readonly community: HostedCommunity,
    firstSeq: number,
    private readonly ratePerSecond: number,
  ) {
    this.next = firstSeq;
    this.loop = this.run();
  }

  get sentCount(): number {
    return this.sentSeqs.length;
  }

  /** Resolves once `count` posts of this sequence were published. */
  waitForSent(count: number, timeoutMs = 120_000): Promise<true> {
    return waitFor(`${count} posts sent`, () => this.sentSeqs.length >= count || this.stopped, { timeoutMs });
  }

  async stop(): Promise<PostedSequence> {
    this.stopped = true;
    await this.loop;
    return { sent: [...this.sentSeqs], failed: new Map(this.failed), nextSeq: this.next };
  }

  private async run(): Promise<void> {
    const started = Date.now();
    const intervalMs = 1000 / this.ratePerSecond;
    for (let index = 0; !this.stopped; index++) {
      const due = started + index * intervalMs - Date.now();
      if (due > 0) await sleep(due);
      if (this.stopped) return;
      const seq = this.next++;
      const post = this.member.post(this.community.communityId, this.community.channelId, postText(seq));
      const outcome = await this.wire.publish(post);
      if (outcome.status === 'published') {
        this.sentSeqs.push(seq);
        this.lastPost = post;
      } else this.failed.set(outcome.status, (this.failed.get(outcome.status) ?? 0) + 1);
    }
  }
}
