// A bot as a 1:1 party: its identity row, its key opened from the keyring, and the bundle it attaches to
// everything it sends (its one installation, the current signed pre-key, protocol_version 1 so that peers
// move to the negotiated topic). SG protocol/encryption/x3dh.go NewBundleContainer, encryptor.go CreateBundle.
import type { Identity } from '@status-communities/db';
import type { Result } from '@status-communities/errors';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { SecretKey } from '@status-communities/keyring';
import type { status } from '@status-communities/proto';
import {
  SHARED_SECRET_NEGOTIATION_VERSION,
  signBundle,
  wakuTimestampNsFromMs,
} from '@status-communities/protocol';
import type { DirectContext } from './context.js';

export interface OpenedBot {
  readonly identity: Identity;
  /** The caller wipes it when done. */
  readonly key: SecretKey;
}

export const openBot = async (context: DirectContext, botKey: string): Promise<Result<OpenedBot>> => {
  const identity = await context.prisma.identity.findUnique({ where: { publicKey: botKey } });
  if (!identity) return fail(ErrorCode.NOT_FOUND, 'no such bot identity', { botKey });
  const key = await context.keyring.open(identity.keyId);
  return key.ok ? ok({ identity, key: key.value }) : key;
};

/** The bot's bundle, signed now on its current signed pre-key (rotated when due). */
export const botBundle = async (
  context: DirectContext,
  bot: OpenedBot,
  nowMs: number,
): Promise<Result<status.encryption.Bundle.$Properties>> => {
  const preKey = await context.preKeys.current(bot.identity.id, nowMs);
  if (!preKey.ok) return preKey;
  return ok(
    signBundle({
      identityPrivateKey: bot.key.reveal(),
      installations: [
        {
          installationId: bot.identity.installationId,
          signedPreKey: preKey.value.publicKey,
          version: preKey.value.version,
          protocolVersion: SHARED_SECRET_NEGOTIATION_VERSION,
        },
      ],
      timestampNs: wakuTimestampNsFromMs(nowMs),
    }),
  );
};
