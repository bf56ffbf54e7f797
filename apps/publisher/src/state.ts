import type { MemberRole } from '@status-communities/db';
import type {
  ChannelRight,
  IdentityImageFormat,
  IdentityImageSource,
  ShardRef,
  TokenPermissionModel,
} from '@status-communities/protocol';

/** A hosted community's own fields, as stored (the description is built from these). */
export interface CommunityFields {
  readonly name: string;
  readonly description: string;
  readonly color: string;
  readonly emoji: string;
  readonly tags: readonly string[];
  readonly access: 'AUTO_ACCEPT' | 'MANUAL_ACCEPT';
  readonly ensOnly: boolean;
  readonly introMessage: string;
  readonly outroMessage: string;
  readonly pinMessageAllMembersEnabled: boolean;
  /** Members-only: a BECOME_MEMBER permission, the private parts and messages under hash-ratchet keys. */
  readonly encrypted: boolean;
  /** Its own shard, announced with CommunityPublicShardInfo; null publishes on the profile's shards. */
  readonly shard: ShardRef | null;
}

export interface CommunityRecord extends CommunityFields {
  /** `0x02…`/`0x03…`, the compressed community key. */
  readonly id: string;
  readonly tenantId: string | null;
  /** Keyring entry of the community key. */
  readonly keyId: string;
  /** Clock of the current state; above `lastPublishedClock` while a change has not gone out. */
  readonly clock: number;
}

export interface ChannelRecord {
  readonly uuid: string;
  readonly name: string;
  readonly description: string;
  readonly emoji: string;
  readonly color: string;
  readonly categoryId: string | null;
  /** 0-based, dense within the channel's category (or among channels without one), as status-go keeps it. */
  readonly position: number;
  readonly viewersCanPostReactions: boolean;
  readonly hideIfPermissionsNotMet: boolean;
  /** Read by its members only (CAN_VIEW_AND_POST_CHANNEL): its own hash-ratchet key. */
  readonly encrypted: boolean;
  /** Deleted channels stay stored (their messages remain readable) and leave the description. */
  readonly deleted: boolean;
}

export interface CategoryRecord {
  readonly categoryId: string;
  readonly name: string;
  /** 0-based, dense among the community's categories. */
  readonly position: number;
  readonly deleted: boolean;
}

export interface ImageRecord {
  /** `thumbnail`, `large` or `banner`. */
  readonly kind: string;
  readonly format: IdentityImageFormat;
  readonly source: IdentityImageSource;
  readonly payload: Uint8Array;
}

export interface MemberRecord {
  /** `0x04…`. */
  readonly memberKey: string;
  readonly roles: readonly MemberRole[];
  readonly lastUpdateClock: number;
  /**
   * Channels (full chat id → right) token permissions grant, as the request handler last evaluated them;
   * null or absent: every channel, POSTER.
   */
  readonly channelRights?: ReadonlyMap<string, ChannelRight> | null;
}

export interface BanRecord {
  readonly memberKey: string;
  readonly deleteAllMessages: boolean;
}

/** What commands decide on. */
export interface CommunityState {
  readonly community: CommunityRecord;
  readonly channels: readonly ChannelRecord[];
  readonly categories: readonly CategoryRecord[];
  readonly images: readonly ImageRecord[];
}

/** What a description is built from: the community as stored now, members and bans included. */
export interface PublishState extends CommunityState {
  /** Active members only. */
  readonly members: readonly MemberRecord[];
  /** Token permissions (edited through the request handler); absent: none. */
  readonly tokenPermissions?: readonly TokenPermissionModel[];
  readonly bans: readonly BanRecord[];
  readonly lastPublishedClock: number | null;
  readonly lastPublishedAt: Date | null;
  /** The AMM bytes last published. */
  readonly lastDescription: Uint8Array | null;
}
