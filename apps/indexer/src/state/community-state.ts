// What the indexer holds about each community to judge new traffic: the stored clock, the control node,
// the latest accepted description as a model and, for a hosted community, its membership as stored. Cached
// in memory and checked against the database clock at the start of every batch, so a description accepted
// by another replica (or the publisher) and a membership change of the request handler are seen.
import { decompressPublicKey, hexToBytes } from '@status-communities/crypto';
import {
  decodeCommunityDescription,
  decryptCommunityDescription,
  readCommunityDescription,
  unwrapApplicationMessage,
  withCurrentMembership,
} from '@status-communities/protocol';
import type {
  HashRatchetKeyLookup,
  BanInfoModel,
  CommunityDescriptionModel,
  CommunityMemberModel,
  CommunityMemberRole,
  CurrentMembership,
} from '@status-communities/protocol';
import type { GroupKeySource } from '../decode/hash-ratchet.js';
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
  /**
   * Hosted communities only: the members and bans as the request handler stored them, which are ahead of
   * the last published description for as long as the publisher takes (an accepted member posts at once).
   */
  readonly membership?: CurrentMembership;
}

const rulesByState = new WeakMap<CommunityState, CommunityDescriptionModel>();

/**
 * The description channel traffic is judged by: the latest accepted one, with a hosted community's stored
 * membership in place of the one it was published with (so a removed member is refused at once too).
 */
export const rulesModel = (state: CommunityState): CommunityDescriptionModel | undefined => {
  const { model, membership } = state;
  if (!model || !membership) return model;
  let rules = rulesByState.get(state);
  if (!rules) {
    rules = withCurrentMembership(model, membership);
    rulesByState.set(state, rules);
  }
  return rules;
};

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

/**
 * The model of a stored description (AMM bytes), undefined when there is none or it no longer reads. An
 * encrypted one is read with the parts `keys` open (a hosted community's group keys): its channels and
 * members are in privateData.
 */
export const modelOfStoredDescription = (
  communityId: string,
  raw: Uint8Array | null,
  keys?: HashRatchetKeyLookup,
): CommunityDescriptionModel | undefined => {
  if (!raw) return undefined;
  const amm = unwrapApplicationMessage(raw);
  if (!amm.ok) return undefined;
  const description = decodeCommunityDescription(amm.value.payload);
  if (!description.ok) return undefined;
  const opened = keys ? decryptCommunityDescription(description.value, keys).description : description.value;
  const model = readCommunityDescription(opened, communityId);
  return model.ok ? model.value : undefined;
};

const controlNodeOf = (communityId: string, controlNodeKey: string | null): Uint8Array | undefined => {
  const key = hexToBytes(controlNodeKey ?? communityId);
  if (!key.ok) return undefined;
  const uncompressed = decompressPublicKey(key.value);
  return uncompressed.ok ? uncompressed.value : undefined;
};

export const stateOfRow = (
  row: CommunityRow,
  membership?: CurrentMembership,
  keys?: HashRatchetKeyLookup,
): CommunityState => ({
  communityId: row.id,
  stored: true,
  clock: Number(row.clock),
  controlNode: controlNodeOf(row.id, row.controlNodeKey),
  model: modelOfStoredDescription(row.id, row.descriptionRaw, keys),
  ...(membership ? { membership } : {}),
});

interface MemberRow {
  readonly communityId: string;
  readonly memberKey: string;
  readonly roles: CommunityMemberRole[];
  readonly lastUpdateClock: string;
}

interface BanRow {
  readonly communityId: string;
  readonly memberKey: string;
  readonly deleteAllMessages: boolean;
}

/** Active members and bans of these hosted communities, as the publisher builds its next description. */
const loadMemberships = async (sql: Sql, communityIds: readonly string[]) => {
  const memberships = new Map(
    communityIds.map((id) => [
      id,
      {
        members: new Map<string, CommunityMemberModel>(),
        bannedMembers: new Map<string, BanInfoModel>(),
      },
    ]),
  );
  if (communityIds.length === 0) return memberships;
  const members = await sql.query<MemberRow>(
    `SELECT community_id AS "communityId", member_key AS "memberKey", roles::text[] AS roles,
            last_update_clock AS "lastUpdateClock"
     FROM members WHERE community_id = ANY($1::text[]) AND state = 'ACTIVE'`,
    [communityIds],
  );
  for (const row of members.rows)
    memberships.get(row.communityId)?.members.set(row.memberKey, {
      publicKey: row.memberKey,
      roles: row.roles,
      channelRole: 'POSTER',
      lastUpdateClock: Number(row.lastUpdateClock),
    });
  const bans = await sql.query<BanRow>(
    `SELECT community_id AS "communityId", member_key AS "memberKey", delete_all_messages AS "deleteAllMessages"
     FROM bans WHERE community_id = ANY($1::text[])`,
    [communityIds],
  );
  for (const row of bans.rows)
    memberships
      .get(row.communityId)
      ?.bannedMembers.set(row.memberKey, { deleteAllMessages: row.deleteAllMessages });
  return memberships;
};

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
   * Every membership change of a hosted community bumps its clock in the transaction that stores it, so
   * its members and bans are re-read with it (read after the clock: never older than the cached clock).
   */
  async refresh(communityIds: Iterable<string>, groupKeys?: GroupKeySource): Promise<void> {
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
    const { rows } = await this.sql.query<CommunityRow & { publishedClock: string | null; hosted: boolean }>(
      `SELECT id, clock, control_node_key AS "controlNodeKey", description_raw AS "descriptionRaw",
              last_published_clock AS "publishedClock", kind = 'HOSTED' AS hosted
       FROM communities WHERE id = ANY($1::text[])`,
      [stale],
    );
    const memberships = await loadMemberships(
      this.sql,
      rows.filter((row) => row.hosted).map((row) => row.id),
    );
    for (const row of rows) {
      // An encrypted community's description is read with the group keys held here — ours for a hosted one,
      // a bot's for one it joined elsewhere — read fresh since a new clock may come with a rekey.
      const keys = groupKeys ? await groupKeys.fresh(row.id) : undefined;
      this.cache.set(row.id, stateOfRow(row, memberships.get(row.id), keys));
      this.published.set(row.id, row.publishedClock);
    }
  }
}
