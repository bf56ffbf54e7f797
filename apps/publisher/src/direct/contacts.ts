// A bot's contact with a peer as its messages move it, written in the caller's transaction.
import type { DbClient, DirectContactState } from '@status-communities/db';
import type { Result } from '@status-communities/errors';
import { ok } from '@status-communities/errors';
import type { PeerContactView } from '@status-communities/protocol';
import { applyContactAnswer, applyPropagatedState } from '@status-communities/protocol';
import type { ContactStep } from './contact-state.js';
import { nextContactState } from './contact-state.js';
import type { ContactSignal } from './inbound-messages.js';

export interface ContactRecord {
  readonly state: DirectContactState;
  readonly view: PeerContactView;
  readonly localClock: number;
  readonly contactRequestId: string | null;
}

/** The stored contact, locked for the transaction (NONE when there is none yet). */
export const readContact = async (
  db: DbClient,
  identityId: string,
  peerKey: string,
): Promise<ContactRecord> => {
  const [row] = await db.$queryRaw<
    {
      state: DirectContactState;
      they_added_us: boolean;
      remote_clock: bigint;
      local_clock: bigint;
      contact_request_id: string | null;
    }[]
  >`SELECT state, they_added_us, remote_clock, local_clock, contact_request_id FROM direct_contacts
    WHERE identity_id = ${identityId}::uuid AND peer_key = ${peerKey} FOR UPDATE`;
  return {
    state: row?.state ?? 'NONE',
    view: { theyAddedUs: row?.they_added_us ?? false, clock: Number(row?.remote_clock ?? 0n) },
    localClock: Number(row?.local_clock ?? 0n),
    contactRequestId: row?.contact_request_id ?? null,
  };
};

export const writeContact = async (
  db: DbClient,
  identityId: string,
  peerKey: string,
  contact: ContactRecord,
): Promise<void> => {
  const data = {
    state: contact.state,
    theyAddedUs: contact.view.theyAddedUs,
    remoteClock: BigInt(contact.view.clock),
    localClock: BigInt(contact.localClock),
    contactRequestId: contact.contactRequestId,
  };
  await db.directContact.upsert({
    where: { identityId_peerKey: { identityId, peerKey } },
    create: { identityId, peerKey, ...data },
    update: data,
  });
};

/** The bot's own step (a request sent, a request accepted) at its clock. */
export const ourStep = (
  contact: ContactRecord,
  step: ContactStep,
  clock: number,
  messageId?: string,
): ContactRecord => ({
  ...contact,
  state: nextContactState(contact.state, step),
  localClock: clock,
  contactRequestId: messageId ?? contact.contactRequestId,
});

/** The peer's signals carried by one of its messages. INVALID_CLOCK for a clock past 2^53. */
export const theirSignals = (
  contact: ContactRecord,
  signals: readonly ContactSignal[],
  messageId: string,
): Result<ContactRecord> => {
  let { state, view, contactRequestId } = contact;
  for (const signal of signals) {
    if (signal.kind === 'request') {
      state = nextContactState(state, 'they-requested');
      contactRequestId = messageId;
      continue;
    }
    const update =
      signal.kind === 'state'
        ? applyPropagatedState(view, signal.state)
        : applyContactAnswer(view, { accepted: signal.accepted, clock: signal.clock });
    if (!update.ok) return update;
    view = update.value.view;
    if (update.value.change) state = nextContactState(state, update.value.change);
  }
  return ok({ ...contact, state, view, contactRequestId });
};
