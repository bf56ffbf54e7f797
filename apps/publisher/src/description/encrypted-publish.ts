// The control node's side of an encrypted community at each publish (issue #13): group keys made or
// replaced as the description change asks (status-go EvaluateCommunityEncryptionKeyActions), keys handed to
// members 1:1, COMMUNITY_USER_KICKED to removed members, the private parts sealed and the rekey envelope
// that gives every member the current community key. SG messenger_communities.go
// publishOrgAndDistributeEncryptionKeys, communities_key_distributor.go; encrypted-communities.md §3, §4.
import {
  bytesToHex,
  bytesToPrefixedHex,
  hexToBytesOrThrow,
  publicKeyFromPrivateKey,
  type HashRatchetKey,
} from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import type { GroupKeyStore, StoredGroupKey } from '@status-communities/keyring';
import { decodeProto, status } from '@status-communities/proto';
import type {
  CommunityDescriptionModel,
  ControlNodeWakuMessage,
  EncryptionKeyAction,
  GroupKeyCursor,
  ShardProfile,
} from '@status-communities/protocol';
import {
  channelGroupId,
  decryptCommunityDescription,
  descriptionRekeyLayer,
  encryptCommunityDescription,
  evaluateCommunityEncryptionKeyActions,
  indexHashRatchetKeys,
  isRekeyDue,
  parsePrivateDataKey,
  readCommunityDescription,
  sealKeyExchange,
  sealUserKicked,
  unwrapApplicationMessage,
  withChannelMembersBloomFilters,
} from '@status-communities/protocol';

/** The group name of the community in events: channel groups are named by their UUID. */
export const COMMUNITY_GROUP = 'community';

export interface EncryptionInput {
  readonly groupKeys: GroupKeyStore | undefined;
  readonly communityId: string;
  /** The community private key: the control node's identity (rekey envelope, key exchanges, kicks). */
  readonly communityKey: Uint8Array;
  /** The plain description as built (members hydrated; encrypted before signing). */
  readonly description: status.CommunityDescription;
  /** The AMM bytes last published, to tell what changed since (members removed, keys not yet handed out). */
  readonly lastPublished: Uint8Array | null;
  readonly installationId: string;
  readonly profile: ShardProfile;
  readonly nowMs: number;
  readonly rekeyIntervalMs: number;
}

export interface EncryptedPublish {
  /** What gets signed: the plain description for an open community, else with its private parts sealed. */
  readonly description: status.CommunityDescription;
  /** The rekey envelope of an encrypted community's description (encodeStatusMessage's protocolLayer). */
  readonly protocolLayer?: (applicationMessage: Uint8Array) => Uint8Array;
  /** Key exchanges and kicks, to queue with the description. */
  readonly direct: readonly ControlNodeWakuMessage[];
  readonly keyExchanges: number;
  readonly kicks: number;
  /** Groups whose key is new since the last publish, and why. */
  readonly rotated: { readonly groups: readonly string[]; readonly reason: RotationReason } | undefined;
  /** The last published description as members read it (decrypted with our keys), for the change list. */
  readonly previous: CommunityDescriptionModel | undefined;
}

export type RotationReason = 'members-removed' | 'scheduled' | 'admin' | 'encrypted';
const ROTATION_PRIORITY: readonly RotationReason[] = ['members-removed', 'scheduled', 'encrypted', 'admin'];

interface Group {
  readonly name: string;
  readonly groupId: Uint8Array;
  readonly members: readonly string[];
  readonly action: EncryptionKeyAction;
}

/** The last published description decrypted with our own keys, as a member would read it. */
const readPrevious = (
  raw: Uint8Array | null,
  communityId: string,
  keys: readonly StoredGroupKey[],
): { model: CommunityDescriptionModel; keyIds: Set<string> } | undefined => {
  if (!raw) return undefined;
  const amm = unwrapApplicationMessage(raw);
  if (!amm.ok) return undefined;
  const proto = decodeProto(status.CommunityDescription, amm.value.payload);
  if (!proto.ok) return undefined;
  const keyIds = new Set<string>();
  for (const entry of Object.keys(proto.value.privateData ?? {})) {
    const parsed = parsePrivateDataKey(entry);
    if (parsed.ok) keyIds.add(bytesToHex(parsed.value.keyId));
  }
  const { description } = decryptCommunityDescription(
    proto.value,
    indexHashRatchetKeys(keys.map((k) => k.key)),
  );
  const model = readCommunityDescription(description, communityId);
  return model.ok ? { model: model.value, keyIds } : undefined;
};

const groupsOf = (
  next: CommunityDescriptionModel,
  previous: CommunityDescriptionModel | undefined,
): Group[] => {
  const actions = evaluateCommunityEncryptionKeyActions(previous, next);
  const groups: Group[] = [];
  if (next.isEncrypted)
    groups.push({
      name: COMMUNITY_GROUP,
      groupId: hexToBytesOrThrow(next.communityId),
      members: [...next.members.keys()],
      action: actions.community,
    });
  for (const [uuid, channel] of next.channels)
    if (channel.encrypted)
      groups.push({
        name: uuid,
        groupId: channelGroupId(next.communityId, uuid),
        members: [...channel.members.keys()],
        action: actions.channels.get(uuid) ?? { type: 'none', members: [], removedMembers: [] },
      });
  return groups;
};

/**
 * Prepares the publish of a hosted community: an open one (no encrypted group) is signed as it is. For an
 * encrypted community or channel, per group: a first key when it has none; a new key when members were
 * removed or its key is `rekeyIntervalMs` old; then who gets which keys 1:1 — every key to members who
 * joined or to everyone when the group just became encrypted, the new key to everyone on a rekey, and the
 * current key to everyone when it is not the one the last publish used (an admin's rotation). Removed
 * members of an encrypted community are told COMMUNITY_USER_KICKED. Nothing here logs or returns a key.
 */
export const prepareEncryptedPublish = async (input: EncryptionInput): Promise<Result<EncryptedPublish>> => {
  const next = readCommunityDescription(input.description, input.communityId);
  if (!next.ok) return next;
  const plain = (previous?: CommunityDescriptionModel): Result<EncryptedPublish> =>
    ok({
      description: input.description,
      direct: [],
      keyExchanges: 0,
      kicks: 0,
      rotated: undefined,
      previous,
    });
  const wanted = groupsOf(next.value, undefined);
  if (wanted.length === 0) return plain();
  const store = input.groupKeys;
  if (!store)
    return fail(ErrorCode.INVALID_CONFIG, 'an encrypted community needs GROUP_KEYS_MASTER_KEY', {
      communityId: input.communityId,
    });

  const known = await store.ofCommunity(input.communityId);
  if (!known.ok) return known;
  const previous = readPrevious(input.lastPublished, input.communityId, known.value);
  const groups = groupsOf(next.value, previous?.model);

  const direct: ControlNodeWakuMessage[] = [];
  const cursors = new Map<string, GroupKeyCursor>();
  const rotatedGroups: string[] = [];
  const reasons = new Set<RotationReason>();
  let keyExchanges = 0;
  const controlNode = bytesToPrefixedHex(publicKeyFromPrivateKey(input.communityKey));
  const send = (members: readonly string[], group: Group, keys: readonly HashRatchetKey[]): Result<void> => {
    // The control node is the owner member; it holds the keys already.
    for (const member of members.filter((key) => key !== controlNode)) {
      const sealed = sealKeyExchange({
        controlNodePrivateKey: input.communityKey,
        installationId: input.installationId,
        recipientPublicKey: hexToBytesOrThrow(member),
        groupId: group.groupId,
        keys,
        profile: input.profile,
      });
      if (!sealed.ok) return sealed;
      direct.push(...sealed.value);
      keyExchanges += 1;
    }
    return ok(undefined);
  };

  for (const group of groups) {
    const ofGroup = await store.ofGroup(input.communityId, group.groupId);
    if (!ofGroup.ok) return ofGroup;
    let current = ofGroup.value.at(-1);
    const due =
      current !== undefined && isRekeyDue(current.key.timestampMs, input.nowMs, input.rekeyIntervalMs);
    const removed = group.action.type === 'rekey' && group.action.removedMembers.length > 0;
    if (!current || removed || due) {
      reasons.add(removed ? 'members-removed' : due ? 'scheduled' : 'encrypted');
      current = await store.generate(input.communityId, group.groupId, input.nowMs);
    }
    const handedOut = previous?.keyIds.has(bytesToHex(current.keyId)) === true;
    // A key the last publish did not use and this one did not make: an admin's rotation.
    if (!handedOut && previous && reasons.size === 0) reasons.add('admin');
    if (!handedOut) rotatedGroups.push(group.name);
    const allKeys = [...ofGroup.value.filter((key) => key.id !== current.id), current].map((key) => key.key);
    const sent =
      group.action.type === 'add' || !previous
        ? send(group.members, group, allKeys)
        : !handedOut
          ? send(group.members, group, [current.key])
          : group.action.type === 'send-to-members'
            ? send(group.action.members, group, allKeys)
            : ok(undefined);
    if (!sent.ok) return sent;
    const seqNo = await store.nextSeqNo(current.id);
    if (!seqNo.ok) return seqNo;
    cursors.set(group.name, { key: current.key, seqNo: seqNo.value });
  }

  let kicks = 0;
  const communityGroup = groups.find((group) => group.name === COMMUNITY_GROUP);
  for (const member of communityGroup?.action.removedMembers ?? []) {
    const kicked = sealUserKicked({
      communityPrivateKey: input.communityKey,
      memberPublicKey: hexToBytesOrThrow(member),
      clock: next.value.clock + 1,
      profile: input.profile,
    });
    if (!kicked.ok) return kicked;
    direct.push(...kicked.value);
    kicks += 1;
  }

  const withBlooms = withChannelMembersBloomFilters(input.description, input.communityKey);
  if (!withBlooms.ok) return withBlooms;
  const community = cursors.get(COMMUNITY_GROUP);
  const encrypted = encryptCommunityDescription(withBlooms.value, {
    ...(community && { community }),
    channels: Object.fromEntries([...cursors].filter(([name]) => name !== COMMUNITY_GROUP)),
  });
  if (!encrypted.ok) return encrypted;
  return ok({
    description: encrypted.value,
    ...(community && {
      protocolLayer: descriptionRekeyLayer({
        installationId: input.installationId,
        key: community.key,
        controlNodePrivateKey: input.communityKey,
        members: [...next.value.members.keys()].map((member) => hexToBytesOrThrow(member)),
      }),
    }),
    direct,
    keyExchanges,
    kicks,
    rotated:
      rotatedGroups.length > 0
        ? { groups: rotatedGroups, reason: ROTATION_PRIORITY.find((r) => reasons.has(r)) ?? 'admin' }
        : undefined,
    previous: previous?.model,
  });
};
