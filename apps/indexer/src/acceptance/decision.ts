// What acceptance decides for one inbound message: a fact to store, or why nothing is stored.
import type { CommunityDescriptionDiff, CommunityDescriptionModel } from '@status-communities/protocol';
import type { Emoji, InboundWakuMessage } from '@status-communities/queue';

/** Where a fact came from: the Waku message (its hash is the correlation id) and when it happened. */
export interface Origin {
  /** Waku message hash, hex. */
  readonly hash: string;
  /** Waku timestamp in ms, or the gateway's receipt time for a message without one. */
  readonly atMs: number;
}

export interface DescriptionFact {
  readonly kind: 'description';
  readonly origin: Origin;
  readonly communityId: string;
  readonly model: CommunityDescriptionModel;
  readonly previous: CommunityDescriptionModel | undefined;
  readonly diff: CommunityDescriptionDiff;
  readonly clock: number;
  /** The clock stored when the fact was decided (undefined: no row); the write checks it is still so. */
  readonly storedClock: number | undefined;
  /** The signed ApplicationMetadataMessage bytes. */
  readonly raw: Uint8Array;
}

/** The stored description again (control nodes republish it daily): the community is alive, nothing else. */
export interface DescriptionSeenFact {
  readonly kind: 'description-seen';
  readonly origin: Origin;
  readonly communityId: string;
}

export interface MessageFact {
  readonly kind: 'message';
  readonly origin: Origin;
  readonly messageId: string;
  readonly communityId: string;
  /** Chat id (community id + uuid), the channels table's key. */
  readonly chatId: string;
  readonly channelUuid: string;
  readonly authorKey: string;
  readonly clock: number;
  readonly timestampMs: number;
  readonly text: string;
  readonly contentType: number;
  readonly responseTo: string | undefined;
  readonly raw: Uint8Array;
}

/** The message an edit, delete, pin or reaction is about. */
export interface TargetRef {
  readonly messageId: string;
  readonly communityId: string;
  readonly chatId: string;
  readonly channelUuid: string;
}

export interface EditFact extends TargetRef {
  readonly kind: 'edit';
  readonly origin: Origin;
  /** The EditMessage's own id: one row per edit however often it arrives. */
  readonly editId: string;
  readonly editorKey: string;
  readonly clock: number;
  readonly text: string;
}

export interface DeleteFact extends TargetRef {
  readonly kind: 'delete';
  readonly origin: Origin;
  readonly deletedBy: string;
}

export interface PinFact extends TargetRef {
  readonly kind: 'pin';
  readonly origin: Origin;
  readonly pinnedBy: string;
  readonly pinned: boolean;
  readonly clock: number;
}

export interface ReactionFact extends TargetRef {
  readonly kind: 'reaction';
  readonly origin: Origin;
  readonly memberKey: string;
  readonly emoji: Emoji;
  readonly retracted: boolean;
  readonly clock: number;
}

/** A hash-ratchet encrypted message: counted as private activity, never read. */
export interface PrivateFact {
  readonly kind: 'private';
  readonly origin: Origin;
  readonly communityId: string;
  /** The chat id when the ratchet group is a known channel's. */
  readonly chatId: string | undefined;
}

/** A message on a hosted community's request topic, for the request handler. */
export interface RequestFact {
  readonly kind: 'request';
  readonly origin: Origin;
  readonly communityId: string;
  readonly message: InboundWakuMessage;
}

export type Fact =
  | DescriptionFact
  | DescriptionSeenFact
  | MessageFact
  | EditFact
  | DeleteFact
  | PinFact
  | ReactionFact
  | PrivateFact
  | RequestFact;

/**
 * Rejections: the message is refused by a rule, or is a replay of something stored (`duplicate`); the reason
 * goes to the metrics. Ignored messages are valid but carry nothing the indexer stores (a type it does not
 * index, a pending segment). Held messages are refused for now by a rule a newer description of the
 * community may lift (`reason`); `clock` is the stored clock they were judged against.
 */
export type Decision =
  | { readonly outcome: 'accept'; readonly fact: Fact }
  | { readonly outcome: 'reject'; readonly reason: string }
  | { readonly outcome: 'ignore'; readonly reason: string }
  | {
      readonly outcome: 'hold';
      readonly reason: string;
      readonly communityId: string;
      readonly clock: number;
    };

export const accept = (fact: Fact): Decision => ({ outcome: 'accept', fact });
export const reject = (reason: string): Decision => ({ outcome: 'reject', reason });
export const ignore = (reason: string): Decision => ({ outcome: 'ignore', reason });
export const hold = (reason: string, communityId: string, clock: number): Decision => ({
  outcome: 'hold',
  reason,
  communityId,
  clock,
});
