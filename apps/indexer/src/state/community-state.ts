// What the indexer holds about each community to judge new traffic: the stored clock, the control node and
// the latest accepted description as a model. Cached in memory and checked against the database clock at
// the start of every batch, so a description accepted by another replica (or the publisher) is seen.
import { decompressPublicKey, hexToBytes } from '@status-communities/crypto';
import {
  decodeCommunityDescription,
  readCommunityDescription,
  unwrapApplicationMessage,
} from '@status-communities/protocol';
import type { CommunityDescriptionModel } from '@status-communities/protocol';
import type { Sql } from '../persistence/sql.js';

export interface CommunityState {
  readonly communityId: string;
  /** A row exists in `communities` (a description was stored, or the platform created it). */
  readonly stored: boolean;
  readonly clock: number;
  /** 65-byte key whose signature updates are taken from: the community key unless stored otherwise. */
  readonly controlNode: Uint8Array | undefined;
  /** The latest accepted description; undefined before the first one. */
  readonly model: CommunityDescriptionModel | undefined;
}

export const unknownCommunity = (communityId: string): CommunityState => ({
  communityId,
  stored: false,
  clock: 0,
  controlNode: undefined,
  model: undefined,
});

interface CommunityRow {
  readonly id: string;
  /** bigint as pg returns it: decimal text. */
  readonly clock: string;
  readonly controlNodeKey: string | null;
  readonly descriptionRaw: Uint8Array | null;
}

/** The model of a stored description (AMM bytes), undefined when there is none or it no longer reads. */
export const modelOfStoredDescription = (
  communityId: string,
  raw: Uint8Array | null,
): CommunityDescriptionModel | undefined => {
  if (!raw) return undefined;
  const amm = unwrapApplicationMessage(raw);
  if (!amm.ok) return undefined;
  const description = decodeCommunityDescription(amm.value.payload);
  if (!description.ok) return undefined;
  const model = readCommunityDescription(description.value, communityId);
  return model.ok ? model.value : undefined;
};

const controlNodeOf = (communityId: string, controlNodeKey: string | null): Uint8Array | undefined => {
  const key = hexToBytes(controlNodeKey ?? communityId);
  if (!key.ok) return undefined;
  const uncompressed = decompressPublicKey(key.value);
  return uncompressed.ok ? uncompressed.value : undefined;
};

export const stateOfRow = (row: CommunityRow): CommunityState => ({
  communityId: row.id,
  stored: true,
  clock: Number(row.clock),
  controlNode: controlNodeOf(row.id, row.controlNodeKey),
  model: modelOfStoredDescription(row.id, row.descriptionRaw),
});

export class CommunityStates {
  private readonly cache = new Map<string, CommunityState>();
  /** The publisher's last published clock as last read, per community (null: never published here). */
  private readonly published = new Map<string, string | null>();

  constructor(private readonly sql: Sql) {}

  get(communityId: string): CommunityState {
    return this.cache.get(communityId) ?? unknownCommunity(communityId);
  }

  /** Takes what a committed batch stored. */
  set(state: CommunityState): void {
    this.cache.set(state.communityId, state);
  }

  /**
   * Re-reads the communities whose clock in the database differs from the cached one, and the hosted ones
   * the publisher published since: a change bumps the clock first and the description of that clock is
   * stored when published, so a read in between holds the clock with the description before the change.
   */
  async refresh(communityIds: Iterable<string>): Promise<void> {
    const ids = [...new Set(communityIds)];
    if (ids.length === 0) return;
    const clocks = await this.sql.query<{ id: string; clock: string; publishedClock: string | null }>(
      `SELECT id, clock, last_published_clock AS "publishedClock" FROM communities WHERE id = ANY($1::text[])`,
      [ids],
    );
    const stale = clocks.rows
      .filter((row) => {
        const cached = this.cache.get(row.id);
        return (
          !cached?.stored ||
          String(cached.clock) !== row.clock ||
          (this.published.get(row.id) ?? null) !== row.publishedClock
        );
      })
      .map((row) => row.id);
    const present = new Set(clocks.rows.map((row) => row.id));
    for (const id of ids)
      if (!present.has(id)) {
        this.cache.delete(id);
        this.published.delete(id);
      }
    if (stale.length === 0) return;
    const { rows } = await this.sql.query<CommunityRow & { publishedClock: string | null }>(
      `SELECT id, clock, control_node_key AS "controlNodeKey", description_raw AS "descriptionRaw",
              last_published_clock AS "publishedClock"
       FROM communities WHERE id = ANY($1::text[])`,
      [stale],
    );
    for (const row of rows) {
      this.cache.set(row.id, stateOfRow(row));
      this.published.set(row.id, row.publishedClock);
    }
  }
}
