// Acceptance of one prepared job against the batch's view of stored state. Pure: the view is in memory.
import { hexToBytes, publicKeyToHex } from '@status-communities/crypto';
import type { EncryptedLayer } from '@status-communities/protocol';
import {
  decideChatMessage,
  decideDelete,
  decideEdit,
  decidePin,
  decideReaction,
} from '../acceptance/channel.js';
import type { StoredTarget } from '../acceptance/channel.js';
import type { ChannelContext } from '../acceptance/channel.js';
import { accept, hold, ignore, reject } from '../acceptance/decision.js';
import type { Decision, Fact, Origin } from '../acceptance/decision.js';
import { decideDescription } from '../acceptance/description.js';
import { decodeFailureReason } from '../decode/decode.js';
import type { VerifiedMessage } from '../decode/decode.js';
import { rulesModel } from '../state/community-state.js';
import type { CommunityState } from '../state/community-state.js';
import type { InboundJob } from './inbound.js';

/** Stored state as the batch sees it: the database's, plus what earlier jobs of the batch accepted. */
export interface BatchView {
  state(communityId: string): CommunityState;
  target(messageId: string): StoredTarget | undefined;
}

/** The chat id a hash-ratchet group names, when it is one of the community's channels. */
const privateChatId = (state: CommunityState, encryption: EncryptedLayer): string | undefined => {
  if (encryption.kind !== 'hash-ratchet' || !state.model) return undefined;
  const groupId = Buffer.from(encryption.groupId).toString('utf8');
  const uuid = groupId.slice(state.communityId.length);
  return groupId.startsWith(state.communityId) && state.model.channels.has(uuid) ? groupId : undefined;
};

const decidePrivate = (
  origin: Origin,
  state: CommunityState,
  encryption: EncryptedLayer,
  keyMissing: boolean,
): Decision => {
  if (!state.stored) return reject('unknown-community');
  // 1:1 traffic (X3DH, double ratchet) on a community topic is not a channel message.
  if (encryption.kind !== 'hash-ratchet') return ignore('unreadable');
  // A hosted community's message under a key not stored yet: judged again once its clock moves.
  if (keyMissing) return hold('hash-ratchet-key-not-found', state.communityId, state.clock);
  return accept({
    kind: 'private',
    origin,
    communityId: state.communityId,
    chatId: privateChatId(state, encryption),
  });
};

/**
 * Refusals a newer description may lift: status-go's member posts as soon as the control node accepts them,
 * before the description that lists them arrives (a token-gated channel's list travels the same way).
 */
const LIFTED_BY_A_NEWER_DESCRIPTION: ReadonlySet<string> = new Set(['not-a-member', 'not-a-channel-member']);

/**
 * A watched community's refusal that a newer description may lift is held instead. A hosted community's
 * membership is read as stored, ahead of any description, so its refusals are final.
 */
const heldWhenLiftable = (decision: Decision, state: CommunityState): Decision =>
  decision.outcome === 'reject' && LIFTED_BY_A_NEWER_DESCRIPTION.has(decision.reason) && !state.membership
    ? hold(decision.reason, state.communityId, state.clock)
    : decision;

export const decide = (job: InboundJob, view: BatchView, nowMs: number): Decision => {
  const { prepared, origin } = job;
  if (prepared.kind === 'unrouted') return ignore('unrouted');
  if (prepared.kind === 'request')
    return accept({ kind: 'request', origin, communityId: prepared.communityId, message: job.message });
  // Handed to the publisher as it arrived (BatchProcessor.forwardToBots): nothing to store here.
  if (prepared.kind === 'direct') return ignore('direct-message');
  const { decoded } = prepared;
  if (decoded.kind === 'failed') return reject(decodeFailureReason(decoded.code));
  if (decoded.kind === 'segment') return ignore('segment');
  const state = view.state(decoded.route.communityId);
  if (decoded.kind === 'encrypted')
    return decidePrivate(origin, state, decoded.encryption, decoded.keyMissing === true);

  const message = decoded.message;
  if (decoded.privateDataRefused) return reject('garbage-private-data');
  if (message.typeName === 'COMMUNITY_DESCRIPTION')
    return decideDescription({
      origin,
      routedCommunityId: state.communityId,
      description: message.message,
      signer: message.signer,
      raw: message.applicationMessage,
      state,
    });

  const context: ChannelContext = {
    origin,
    communityId: state.communityId,
    model: rulesModel(state),
    controlNode: state.controlNode && publicKeyToHex(state.controlNode),
    envelopeMs: job.envelopeMs,
    nowMs,
    target: (messageId) => view.target(messageId),
  };
  return heldWhenLiftable(decideChannelMessage(context, message), state);
};

const decideChannelMessage = (context: ChannelContext, message: VerifiedMessage): Decision => {
  switch (message.typeName) {
    case 'CHAT_MESSAGE':
      return decideChatMessage(
        context,
        message.message,
        message.signer,
        message.messageId,
        message.applicationMessage,
      );
    case 'EDIT_MESSAGE':
      return decideEdit(context, message.message, message.signer, message.messageId);
    case 'DELETE_MESSAGE':
      return decideDelete(context, message.message, message.signer);
    case 'PIN_MESSAGE':
      return decidePin(context, message.message, message.signer);
    case 'EMOJI_REACTION':
      return decideReaction(context, message.message, message.signer);
    default:
      return ignore('unsupported-type');
  }
};

/** The message ids edits, deletes, pins and reactions in these jobs name, to load before deciding. */
export const referencedMessageIds = (jobs: readonly InboundJob[]): string[] => {
  const ids = new Set<string>();
  for (const { prepared } of jobs) {
    if (prepared.kind !== 'decoded' || prepared.decoded.kind !== 'message') continue;
    const message = prepared.decoded.message;
    switch (message.typeName) {
      case 'EDIT_MESSAGE':
      case 'DELETE_MESSAGE':
      case 'PIN_MESSAGE':
      case 'EMOJI_REACTION':
        ids.add(message.message.messageId.toLowerCase());
    }
  }
  return [...ids];
};

/** The batch's view: cached states and loaded targets, overlaid with what the batch accepted so far. */
export class OverlayView implements BatchView {
  readonly states = new Map<string, CommunityState>();
  private readonly targets = new Map<string, StoredTarget>();

  constructor(
    private readonly stored: (communityId: string) => CommunityState,
    loadedTargets: readonly StoredTarget[],
  ) {
    for (const target of loadedTargets) this.targets.set(target.messageId, target);
  }

  state(communityId: string): CommunityState {
    return this.states.get(communityId) ?? this.stored(communityId);
  }

  target(messageId: string): StoredTarget | undefined {
    return this.targets.get(messageId);
  }

  /** Takes an accepted fact into the view; a message already in it makes the decision a duplicate. */
  apply(decision: Decision): Decision {
    if (decision.outcome !== 'accept') return decision;
    const fact: Fact = decision.fact;
    if (fact.kind === 'message') {
      if (this.targets.has(fact.messageId)) return reject('duplicate');
      const { messageId, communityId, chatId, channelUuid, authorKey } = fact;
      this.targets.set(messageId, { messageId, communityId, chatId, channelUuid, authorKey });
    } else if (fact.kind === 'description') {
      const previous = this.state(fact.communityId);
      const communityKey = hexToBytes(fact.model.communityKey);
      this.states.set(fact.communityId, {
        communityId: fact.communityId,
        stored: true,
        clock: fact.clock,
        controlNode: previous.controlNode ?? (communityKey.ok ? communityKey.value : undefined),
        model: fact.model,
        ...(previous.membership ? { membership: previous.membership } : {}),
      });
    }
    return decision;
  }
}
