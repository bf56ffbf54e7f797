// How a bot's contact with a peer moves (direct_contacts.state), from both sides' steps: pure. The peer's
// own view (whether they added us, at which of their clocks) is libs/protocol's PeerContactView; this is the
// state the bot's tenant reads. SG protocol/contact.go (ContactRequestSent, ContactRequestReceived,
// ContactRequestAccepted, ContactRequestRetracted).
import type { DirectContactState } from '@status-communities/db';
import type { PeerContactChange } from '@status-communities/protocol';

export type ContactStep =
  /** The bot sent a contact request. */
  | 'we-requested'
  /** The bot accepted the peer's request. */
  | 'we-accepted'
  /** The peer sent a contact request. */
  | 'they-requested'
  /** The peer's view changed: they added us (accept, or their propagated state), or removed us. */
  | Exclude<PeerContactChange, null>;

export const nextContactState = (state: DirectContactState, step: ContactStep): DirectContactState => {
  switch (step) {
    case 'we-requested':
      return state === 'RECEIVED' || state === 'MUTUAL' ? 'MUTUAL' : 'SENT';
    case 'we-accepted':
      return 'MUTUAL';
    case 'they-requested':
    case 'added-us':
      return state === 'SENT' || state === 'MUTUAL' ? 'MUTUAL' : 'RECEIVED';
    case 'removed-us':
      return state === 'MUTUAL' ? 'SENT' : state === 'RECEIVED' ? 'NONE' : state;
  }
};
