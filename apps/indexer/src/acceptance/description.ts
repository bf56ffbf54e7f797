// status-go's rules for a CommunityDescription, over what is stored: signed by the community key (or the
// stored control node), clock not older than the stored one, a valid shape, and for the community whose
// topic it came on.
import { hexToBytes } from '@status-communities/crypto';
import { ErrorCode } from '@status-communities/errors';
import type { StatusError } from '@status-communities/errors';
import type { status } from '@status-communities/proto';
import type { CommunityDescriptionModel } from '@status-communities/protocol';
import {
  acceptCommunityDescription,
  diffCommunityDescriptions,
  readCommunityDescription,
  resolveDescriptionCommunityId,
} from '@status-communities/protocol';
import type { CommunityState } from '../state/community-state.js';
import { accept, reject } from './decision.js';
import type { Decision, Origin } from './decision.js';

export interface DescriptionInput {
  readonly origin: Origin;
  /** The community whose topic carried the message. */
  readonly routedCommunityId: string;
  readonly description: status.CommunityDescription;
  /** The AMM signer (65 bytes). */
  readonly signer: Uint8Array;
  /** The signed AMM bytes, stored as the community's current description. */
  readonly raw: Uint8Array;
  readonly state: CommunityState;
}

const refusal = (error: StatusError): string => {
  if (error.code === ErrorCode.WRONG_SIGNER) return 'wrong-signer';
  if (error.code === ErrorCode.INVALID_CLOCK)
    return error.details['reason'] === 'outdated' ? 'clock-regression' : 'invalid-clock';
  return 'invalid-description';
};

/** The stored control node, or the community key itself (the default status-go starts from). */
const controlNodeOf = (state: CommunityState): Uint8Array | undefined => {
  if (state.controlNode) return state.controlNode;
  const key = hexToBytes(state.communityId);
  return key.ok ? key.value : undefined;
};

/**
 * A token-gated community's description carries its members, channels and categories hash-ratchet encrypted
 * (`privateData`), which a spectator cannot read: what it cannot see is kept as last seen, so nobody is
 * reported removed and no channel is flagged gone.
 */
const withHiddenPartsKept = (
  model: CommunityDescriptionModel,
  previous: CommunityDescriptionModel | undefined,
): CommunityDescriptionModel =>
  model.hasPrivateData && previous
    ? {
        ...model,
        members: previous.members,
        channels: previous.channels,
        categories: previous.categories,
        activeMembersCount: previous.activeMembersCount,
      }
    : model;

export const decideDescription = (input: DescriptionInput): Decision => {
  const { state, description } = input;
  // The description names its community (status-go looks it up by that ID, not by the topic): one for
  // another community than the topic's is not this community's state, whoever signed it.
  const named = resolveDescriptionCommunityId(description, input.signer);
  if (!named.ok) return reject('invalid-description');
  if (named.value.communityId !== input.routedCommunityId) return reject('wrong-community');
  const controlNode = controlNodeOf(state);
  const accepted = acceptCommunityDescription({
    description,
    signer: input.signer,
    ...(state.stored && controlNode ? { stored: { clock: state.clock, controlNode } } : {}),
  });
  if (!accepted.ok) return reject(refusal(accepted.error));
  const { communityId, clock, outcome } = accepted.value;
  // A platform-created row without a description yet has clock 0, which any real description passes. A hosted
  // community's description at its stored clock is the publisher's own, recorded (and rolled up) by it already:
  // a state of ours read before that write may differ, and taking it again would count its changes twice.
  if (outcome === 'same-clock' && state.model && state.membership)
    return accept({ kind: 'description-seen', origin: input.origin, communityId });
  const read = readCommunityDescription(description, communityId);
  if (!read.ok) return reject('invalid-description');
  const model = withHiddenPartsKept(read.value, state.model);
  const diff = diffCommunityDescriptions(state.model, model);
  // Elsewhere the stored clock again is taken only when it reads differently: its private parts open now, as
  // keys a bot of ours took in arrived since (status-go UpdateCommunityDescription accepts an equal clock for that).
  if (outcome === 'same-clock' && state.model && !diff.hasChanges)
    return accept({ kind: 'description-seen', origin: input.origin, communityId });
  return accept({
    kind: 'description',
    origin: input.origin,
    communityId,
    model,
    previous: state.model,
    diff,
    clock,
    storedClock: state.stored ? state.clock : undefined,
    raw: input.raw,
  });
};
