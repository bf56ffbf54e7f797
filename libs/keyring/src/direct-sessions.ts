import { randomUUID } from 'node:crypto';
import {
  bytesToHex,
  decodeRatchetState,
  encodeRatchetState,
  hexToBytes,
  utf8ToBytes,
} from '@status-communities/crypto';
import type { DbClient, DirectSession as DirectSessionRow, PrismaClient } from '@status-communities/db';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import type { DirectSession } from '@status-communities/protocol';
import { isUniqueViolation } from './keyring.js';
import { masterKeyById } from './master-keys.js';
import type { MasterKeyRing } from './master-keys.js';
import { openSecret, sealSecret } from './sealing.js';
import type { SecretBinding } from './sealing.js';

/** The purpose a session's sealing is bound to: no other secret's material opens as a session. */
const DIRECT_SESSION_PURPOSE = 'DIRECT_SESSION';

/** A double-ratchet session as stored: the row and the version it was read at, for `save`. */
export interface StoredDirectSession {
  readonly id: string;
  readonly version: number;
  readonly session: DirectSession;
}

/** A session to write: `stored` when it was loaded (updated only if nobody wrote it since), else a new row. */
export interface DirectSessionChange {
  readonly stored?: StoredDirectSession;
  readonly session: DirectSession;
}

type SessionRowKey = Pick<
  DirectSessionRow,
  'id' | 'identityId' | 'peerKey' | 'peerInstallationId' | 'bundleId' | 'masterKeyId' | 'version'
>;

// The row's identity and version are bound: material copied to another row, or an older state of the same
// row written back, does not open.
const bindingOf = (row: SessionRowKey): SecretBinding => ({
  id: row.id,
  purpose: DIRECT_SESSION_PURPOSE,
  tenantId: null,
  publicKey: `${row.identityId}/${row.peerKey}/${row.peerInstallationId}/${bytesToHex(row.bundleId)}/v${row.version}`,
  masterKeyId: row.masterKeyId,
});

interface EncodedSession {
  readonly ratchet: string;
  readonly pendingX3dh?: { readonly ephemeralKey: string; readonly bundleId: string };
  readonly theirEphemeralKey?: string;
}

const encodeSession = (session: DirectSession): Uint8Array => {
  const encoded: EncodedSession = {
    ratchet: bytesToHex(encodeRatchetState(session.ratchet)),
    ...(session.pendingX3dh && {
      pendingX3dh: {
        ephemeralKey: bytesToHex(session.pendingX3dh.ephemeralKey),
        bundleId: bytesToHex(session.pendingX3dh.bundleId),
      },
    }),
    ...(session.theirEphemeralKey && { theirEphemeralKey: bytesToHex(session.theirEphemeralKey) }),
  };
  return utf8ToBytes(JSON.stringify(encoded));
};

const bytesOf = (hex: string): Result<Uint8Array> => hexToBytes(hex);

const decodeSession = (row: DirectSessionRow, plaintext: Uint8Array): Result<DirectSession> => {
  const broken = fail(ErrorCode.DECRYPTION_FAILED, `direct session ${row.id} does not decode`, {
    id: row.id,
  });
  let encoded: EncodedSession;
  try {
    encoded = JSON.parse(Buffer.from(plaintext).toString('utf8')) as EncodedSession;
  } catch {
    return broken;
  }
  const ratchetBytes = bytesOf(encoded.ratchet ?? '');
  if (!ratchetBytes.ok) return broken;
  const ratchet = decodeRatchetState(ratchetBytes.value);
  if (!ratchet.ok) return ratchet;
  const session: { -readonly [K in keyof DirectSession]: DirectSession[K] } = {
    theirInstallationId: row.peerInstallationId,
    bundleId: row.bundleId,
    ratchet: ratchet.value,
  };
  if (encoded.pendingX3dh) {
    const ephemeralKey = bytesOf(encoded.pendingX3dh.ephemeralKey);
    const bundleId = bytesOf(encoded.pendingX3dh.bundleId);
    if (!ephemeralKey.ok || !bundleId.ok) return broken;
    session.pendingX3dh = { ephemeralKey: ephemeralKey.value, bundleId: bundleId.value };
  }
  if (encoded.theirEphemeralKey) {
    const theirEphemeralKey = bytesOf(encoded.theirEphemeralKey);
    if (!theirEphemeralKey.ok) return broken;
    session.theirEphemeralKey = theirEphemeralKey.value;
  }
  return ok(session);
};

const lostRace = (what: string, details: Record<string, unknown>): Result<never> =>
  fail(ErrorCode.CONFLICT, `${what}: another worker wrote it first, read it again`, {
    ...details,
    retryable: true,
  });

/**
 * A bot's double-ratchet sessions with its peers' installations (issue #15), one row per (bot, peer,
 * installation, bundle), sealed under the keyring's master key ring and bound to the row and its version.
 * One writer per session by optimistic concurrency: `save` updates a row only at the version it was read
 * at, so of two workers that advanced the same session one wins and the other gets a retryable CONFLICT
 * (and reads the state again) instead of forking the ratchet.
 */
export class DirectSessionStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly masterKeys: MasterKeyRing,
  ) {}

  /** The bot's sessions with the peer, oldest first (the order encryptForPeer expects). */
  async load(
    identityId: string,
    peerKey: string,
    db: DbClient = this.prisma,
  ): Promise<Result<StoredDirectSession[]>> {
    const rows = await db.directSession.findMany({
      where: { identityId, peerKey },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    const sessions: StoredDirectSession[] = [];
    for (const row of rows) {
      const opened = this.open(row);
      if (!opened.ok) return opened;
      sessions.push(opened.value);
    }
    return ok(sessions);
  }

  /**
   * Writes the changed sessions in `db` (the caller's transaction, with the message they belong to). A
   * loaded session moves to version + 1 only if it is still at the version read; a new one is inserted, and
   * a session another worker created meanwhile is a lost race too. Either way CONFLICT, retryable.
   */
  async save(
    identityId: string,
    peerKey: string,
    changes: readonly DirectSessionChange[],
    db: DbClient = this.prisma,
  ): Promise<Result<void>> {
    const current = this.masterKeys.current;
    for (const { stored, session } of changes) {
      const key = {
        identityId,
        peerKey,
        peerInstallationId: session.theirInstallationId,
        bundleId: new Uint8Array(session.bundleId),
        masterKeyId: current.id,
      };
      if (stored) {
        const next = { ...key, id: stored.id, version: stored.version + 1 };
        const material = sealSecret(encodeSession(session), current, bindingOf(next));
        const { count } = await db.directSession.updateMany({
          where: { id: stored.id, version: stored.version },
          data: { material, masterKeyId: current.id, version: next.version },
        });
        if (count === 0) return lostRace('direct session changed meanwhile', { id: stored.id });
        continue;
      }
      const row = { ...key, id: randomUUID(), version: 0 };
      const material = sealSecret(encodeSession(session), current, bindingOf(row));
      try {
        await db.directSession.create({ data: { ...row, material } });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return lostRace('direct session created meanwhile', { installationId: session.theirInstallationId });
      }
    }
    return ok(undefined);
  }

  private open(row: DirectSessionRow): Result<StoredDirectSession> {
    const masterKey = masterKeyById(this.masterKeys, row.masterKeyId);
    if (!masterKey.ok) return masterKey;
    const plaintext = openSecret(row.material, masterKey.value, bindingOf(row));
    if (!plaintext.ok) return plaintext;
    const session = decodeSession(row, plaintext.value);
    plaintext.value.fill(0);
    return session.ok ? ok({ id: row.id, version: row.version, session: session.value }) : session;
  }
}
