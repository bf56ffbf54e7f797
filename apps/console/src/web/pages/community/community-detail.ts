export interface ChannelDetail {
  readonly id: string;
  readonly chatId: string;
  readonly uuid: string;
  readonly name: string;
  readonly description: string;
  readonly emoji: string;
  readonly color: string;
  readonly categoryId: string | null;
  readonly position: number;
  readonly encrypted: boolean;
}

/** The `community` query's answer, as the community page reads it. */
export interface CommunityDetail {
  readonly id: string;
  readonly communityId: string;
  readonly chatKey: string;
  readonly kind: string;
  readonly access: string;
  readonly memberCount: number;
  readonly encrypted: boolean;
  readonly ensOnly: boolean;
  readonly clock: string;
  readonly shareUrl: string;
  readonly createdAt: string;
  readonly lastSeenAt: string | null;
  readonly lastPublishedAt: string | null;
  readonly identity: {
    readonly name: string;
    readonly description: string;
    readonly color: string;
    readonly emoji: string;
    readonly tags: readonly string[];
    readonly introMessage: string;
    readonly outroMessage: string;
  };
  readonly categories: readonly {
    readonly categoryId: string;
    readonly name: string;
    readonly position: number;
  }[];
  readonly channels: readonly ChannelDetail[];
}
