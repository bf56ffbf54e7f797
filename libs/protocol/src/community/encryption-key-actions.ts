// What a control node does with hash-ratchet group keys when its description changes, and which groups a
// member's request for keys is answered with. SG protocol/communities/community_encryption_key_action.go
// EvaluateCommunityEncryptionKeyActions / evaluateEncryptionKeyAction; messenger_communities.go
// handleCommunityEncryptionKeysRequest, startCommunityRekeyLoop; encrypted-communities.md §4.7–§4.10.
import type { CommunityDescriptionModel } from './description-model.js';

/**
 * - `add`: the group just became encrypted — make its first key and send every key to `members`.
 * - `rekey`: members were removed (or the control node changed) — a new key, to `members` (the remaining).
 * - `send-to-members`: members joined — every key of the group to them.
 * - `remove`: the group stopped being encrypted (status-go distributes nothing for it).
 * - `none`: nothing to do (open group, or no membership change).
 */
export type EncryptionKeyActionType = 'none' | 'add' | 'remove' | 'rekey' | 'send-to-members';

export interface EncryptionKeyAction {
  readonly type: EncryptionKeyActionType;
  /** `0x04…` keys the group's keys go to; sorted. */
  readonly members: readonly string[];
  /** On `rekey`: who lost access (they get COMMUNITY_USER_KICKED when the community is encrypted); sorted. */
  readonly removedMembers: readonly string[];
}

export interface CommunityEncryptionKeyActions {
  readonly community: EncryptionKeyAction;
  /** One action per channel of the new description, by channel UUID. */
  readonly channels: ReadonlyMap<string, EncryptionKeyAction>;
}

/** One group (the community, or a channel) on both sides of a change. */
export interface EncryptionGroupChange {
  readonly wasEncrypted: boolean;
  readonly isEncrypted: boolean;
  readonly controlNodeChanged: boolean;
  /** Members after the change. */
  readonly members: Iterable<string>;
  readonly membersAdded: Iterable<string>;
  readonly membersRemoved: Iterable<string>;
}

const NONE: EncryptionKeyAction = { type: 'none', members: [], removedMembers: [] };

const sorted = (keys: Iterable<string>): string[] => [...keys].sort();

/** The rules in status-go's priority order. SG community_encryption_key_action.go evaluateEncryptionKeyAction. */
export const evaluateEncryptionKeyAction = (change: EncryptionGroupChange): EncryptionKeyAction => {
  const all = (type: EncryptionKeyActionType): EncryptionKeyAction => ({
    type,
    members: sorted(change.members),
    removedMembers: [],
  });
  if (change.isEncrypted && change.controlNodeChanged) return all('rekey');
  if (change.isEncrypted && !change.wasEncrypted) return all('add');
  if (!change.isEncrypted && change.wasEncrypted) return all('remove');
  if (!change.isEncrypted) return NONE;
  const removed = sorted(change.membersRemoved);
  if (removed.length > 0) return { ...all('rekey'), removedMembers: removed };
  const added = sorted(change.membersAdded);
  return added.length > 0 ? { type: 'send-to-members', members: added, removedMembers: [] } : NONE;
};

const keysOnlyIn = (a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): string[] =>
  [...a.keys()].filter((key) => !b.has(key));

const NO_MEMBERS: ReadonlyMap<string, never> = new Map<string, never>();

/**
 * The key actions of a change between two descriptions of one community (hydrated models, as the control
 * node holds them). `previous` undefined is status-go's empty origin (after a restart): every encrypted group
 * is `add`, so all keys go to all members again. Channels are evaluated for each channel of `next`;
 * a channel new in `next` counts as not encrypted before.
 */
export const evaluateCommunityEncryptionKeyActions = (
  previous: CommunityDescriptionModel | undefined,
  next: CommunityDescriptionModel,
  options: { readonly controlNodeChanged?: boolean } = {},
): CommunityEncryptionKeyActions => {
  const controlNodeChanged = options.controlNodeChanged === true;
  const previousMembers = previous?.members ?? NO_MEMBERS;
  const community = evaluateEncryptionKeyAction({
    wasEncrypted: previous?.isEncrypted === true,
    isEncrypted: next.isEncrypted,
    controlNodeChanged,
    members: next.members.keys(),
    membersAdded: keysOnlyIn(next.members, previousMembers),
    membersRemoved: keysOnlyIn(previousMembers, next.members),
  });
  const channels = new Map<string, EncryptionKeyAction>();
  for (const [uuid, channel] of next.channels) {
    const before = previous?.channels.get(uuid);
    const beforeMembers = before?.members ?? NO_MEMBERS;
    channels.set(
      uuid,
      evaluateEncryptionKeyAction({
        wasEncrypted: before?.encrypted === true,
        isEncrypted: channel.encrypted,
        controlNodeChanged,
        members: channel.members.keys(),
        // status-go only counts membership changes of a channel present on both sides.
        membersAdded: before ? keysOnlyIn(channel.members, beforeMembers) : [],
        membersRemoved: before ? keysOnlyIn(beforeMembers, channel.members) : [],
      }),
    );
  }
  return { community, channels };
};

/** status-go's RekeyInterval default: a group's key is replaced once it is 48 h old. */
export const DEFAULT_REKEY_INTERVAL_MS = 48 * 60 * 60 * 1000;

/**
 * A group's current key is due for the timed rekey when its timestamp is at least `intervalMs` old.
 * SG messenger_communities.go rekeyCommunities.
 */
export const isRekeyDue = (keyTimestampMs: bigint, nowMs: number, intervalMs: number): boolean =>
  BigInt(nowMs) - keyTimestampMs >= BigInt(intervalMs);

/** The groups a COMMUNITY_ENCRYPTION_KEYS_REQUEST (87) is answered with. */
export interface EncryptionKeysAnswer {
  /** The community group's keys (the community is encrypted). */
  readonly community: boolean;
  /** Encrypted channels the requester is a member of, among those asked for (all when none named); sorted. */
  readonly channels: readonly string[];
}

/**
 * Whom and what to answer: nothing for a non-member (undefined); else the community's keys if it is
 * encrypted, and each requested channel (channel UUIDs; empty means all) that is encrypted and lists the
 * requester. SG messenger_communities.go handleCommunityEncryptionKeysRequest.
 */
export const encryptionKeysAnswer = (
  description: CommunityDescriptionModel,
  requester: string,
  channelUuids: readonly string[],
): EncryptionKeysAnswer | undefined => {
  if (!description.members.has(requester)) return undefined;
  const asked = channelUuids.length > 0 ? new Set(channelUuids) : undefined;
  const channels = [...description.channels]
    .filter(([uuid, channel]) => (asked ? asked.has(uuid) : true) && channel.encrypted)
    .filter(([, channel]) => channel.members.has(requester))
    .map(([uuid]) => uuid)
    .sort();
  return { community: description.isEncrypted, channels };
};
