// What sealing a message to a peer needs, loaded once: the bot's sessions with the peer (at the versions
// read), its signed pre-keys and bundle, and the installations of the peer it writes to (peer-bundles.ts).
import type { Result } from '@status-communities/errors';
import { ok } from '@status-communities/errors';
import type { StoredDirectSession, StoredPreKey } from '@status-communities/keyring';
import type { status } from '@status-communities/proto';
import type { BundleInstallation } from '@status-communities/protocol';
import type { OpenedBot } from './bot.js';
import { botBundle } from './bot.js';
import type { DirectContext } from './context.js';
import { peerInstallations } from './peer-bundles.js';
import type { SealForPeerInput } from './seal.js';

export interface Conversation {
  readonly stored: readonly StoredDirectSession[];
  readonly preKeys: readonly StoredPreKey[];
  readonly bundle: status.encryption.Bundle.$Properties;
  readonly installations: readonly BundleInstallation[];
}

export const loadConversation = async (
  context: DirectContext,
  bot: OpenedBot,
  peerKey: string,
  nowMs: number,
): Promise<Result<Conversation>> => {
  const bundle = await botBundle(context, bot, nowMs);
  if (!bundle.ok) return bundle;
  const stored = await context.sessions.load(bot.identity.id, peerKey);
  if (!stored.ok) return stored;
  const preKeys = await context.preKeys.all(bot.identity.id);
  if (!preKeys.ok) return preKeys;
  const installations = await peerInstallations(context.prisma, peerKey);
  return ok({ stored: stored.value, preKeys: preKeys.value, bundle: bundle.value, installations });
};

/** sealForPeer's input for this conversation and plaintext. */
export const sealInput = (
  bot: OpenedBot,
  peerKey: string,
  conversation: Conversation,
  plaintext: Uint8Array,
): SealForPeerInput => ({
  ourIdentityPrivateKey: bot.key.reveal(),
  ourInstallationId: bot.identity.installationId,
  bundle: conversation.bundle,
  peerKey,
  theirInstallations: conversation.installations,
  ourSignedPreKeys: conversation.preKeys,
  stored: conversation.stored,
  working: conversation.stored.map((s) => s.session),
  plaintext,
});
