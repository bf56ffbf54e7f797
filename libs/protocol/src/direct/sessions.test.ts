import { describe, expect, it } from '@jest/globals';
import { generatePrivateKey, publicKeyFromPrivateKey, utf8ToBytes } from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { decodeProto, status } from '@status-communities/proto';
import type { BundleInstallation } from './bundles.js';
import { encodeDirectProtocolMessage, selectDirectEntry } from './encryption-layer.js';
import type { DirectEntry } from './encryption-layer.js';
import { decryptFromPeer, encryptForPeer } from './sessions.js';
import type { DirectSession, OurSignedPreKey } from './sessions.js';
import { compressedPublicKey } from './testing/fixtures.js';

const codeOf = (result: Result<unknown>): string | undefined => (result.ok ? undefined : result.error.code);
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** One side of a conversation: identity, installation, signed pre-keys and its sessions with the other. */
class Party {
  readonly identity = generatePrivateKey();
  readonly publicKey = publicKeyFromPrivateKey(this.identity);
  readonly signedPreKeys: OurSignedPreKey[] = [];
  sessions: DirectSession[] = [];

  constructor(readonly installationId: string) {
    this.rotate();
  }

  rotate(): void {
    const privateKey = generatePrivateKey();
    this.signedPreKeys.push({ privateKey, publicKey: compressedPublicKey(privateKey) });
  }

  installation(): BundleInstallation {
    return {
      installationId: this.installationId,
      signedPreKey: this.signedPreKeys.at(-1)!.publicKey,
      version: this.signedPreKeys.length,
      protocolVersion: 1,
    };
  }

  private keep(session: DirectSession): void {
    this.sessions = [
      ...this.sessions.filter(
        (s) =>
          !(
            s.theirInstallationId === session.theirInstallationId &&
            Buffer.from(s.bundleId).equals(session.bundleId)
          ),
      ),
      session,
    ];
  }

  /** Encrypts for `peer` (whose bundle we have unless `withoutBundle`) and returns the wire bytes. */
  send(peer: Party, message: string, { withoutBundle = false } = {}): Uint8Array {
    const out = unwrap(
      encryptForPeer({
        ourIdentityPrivateKey: this.identity,
        theirIdentityKey: peer.publicKey,
        theirInstallations: withoutBundle ? [] : [peer.installation()],
        ourCurrentSignedPreKeys: [this.signedPreKeys.at(-1)!.publicKey],
        sessions: this.sessions,
        plaintext: utf8ToBytes(message),
      }),
    );
    out.changedSessions.forEach((s) => this.keep(s));
    return encodeDirectProtocolMessage({ installationId: this.installationId, entries: out.entries });
  }

  entryOf(wire: Uint8Array): DirectEntry {
    const message = unwrap(
      decodeProto<status.encryption.ProtocolMessage>(status.encryption.ProtocolMessage, wire),
    );
    return unwrap(selectDirectEntry(message, this.installationId)).entry;
  }

  tryReceive(from: Party, wire: Uint8Array): Result<string> {
    const out = decryptFromPeer({
      ourIdentityPrivateKey: this.identity,
      ourSignedPreKeys: this.signedPreKeys,
      theirIdentityKey: from.publicKey,
      theirInstallationId: from.installationId,
      entry: this.entryOf(wire),
      sessions: this.sessions,
    });
    if (!out.ok) return out;
    if (out.value.session) this.keep(out.value.session);
    return { ok: true, value: text(out.value.plaintext) };
  }

  receive(from: Party, wire: Uint8Array): string {
    return unwrap(this.tryReceive(from, wire));
  }
}

describe('1:1 sessions', () => {
  it('app starts with X3DH, bot answers on the same session, the X3DH header stops once answered', () => {
    const app = new Party('app-install');
    const bot = new Party('bot-install');
    const first = app.send(bot, 'hello bot');
    const second = app.send(bot, 'still there?');
    expect(bot.entryOf(first)).toMatchObject({ kind: 'ratchet', x3dh: expect.anything() });
    expect(bot.receive(app, first)).toBe('hello bot');
    expect(bot.receive(app, second)).toBe('still there?');
    expect(bot.sessions).toHaveLength(1);

    const reply = bot.send(app, 'hello human');
    expect(app.entryOf(reply)).not.toHaveProperty('x3dh');
    expect(app.receive(bot, reply)).toBe('hello human');
    expect(app.sessions.every((s) => !s.pendingX3dh)).toBe(true);
    expect(bot.entryOf(app.send(bot, 'next'))).not.toHaveProperty('x3dh');
    expect(bot.sessions).toHaveLength(1);
    expect(app.sessions).toHaveLength(1);
  });

  it('a peer without a bundle gets DH "none" both ways and no session', () => {
    const app = new Party('app-install');
    const bot = new Party('bot-install');
    const wire = bot.send(app, 'dh only', { withoutBundle: true });
    expect(app.entryOf(wire).kind).toBe('dh');
    expect(app.receive(bot, wire)).toBe('dh only');
    expect(app.sessions).toEqual([]);
    expect(bot.sessions).toEqual([]);
  });

  it('out of order and dropped messages across several turns', () => {
    const app = new Party('app-install');
    const bot = new Party('bot-install');
    for (let turn = 0; turn < 3; turn++) {
      const wires = Array.from({ length: 8 }, (_, i) => app.send(bot, `a${turn}.${i}`));
      const got = [7, 2, 0, 5, 1, 3].map((i) => bot.receive(app, wires[i]!));
      expect(got).toEqual([7, 2, 0, 5, 1, 3].map((i) => `a${turn}.${i}`));
      const replies = Array.from({ length: 4 }, (_, i) => bot.send(app, `b${turn}.${i}`));
      expect([3, 0].map((i) => app.receive(bot, replies[i]!))).toEqual([`b${turn}.3`, `b${turn}.0`]);
    }
  });

  it('a replayed first message is REPLAYED_MESSAGE and leaves the session; a real restart replaces it', () => {
    const app = new Party('app-install');
    const bot = new Party('bot-install');
    const first = app.send(bot, 'one');
    bot.receive(app, first);
    const before = bot.sessions;
    expect(codeOf(bot.tryReceive(app, first))).toBe(ErrorCode.REPLAYED_MESSAGE);
    expect(bot.sessions).toBe(before);

    // The app lost its state and starts over on the same pre-key with a new ephemeral key.
    app.sessions = [];
    expect(bot.receive(app, app.send(bot, 'fresh start'))).toBe('fresh start');
    expect(bot.sessions).toHaveLength(1);
    expect(bot.sessions[0]).not.toBe(before[0]);
  });

  it('after the bot rotates its pre-key, a late X3DH message on the old one still decrypts', () => {
    const app = new Party('app-install');
    const bot = new Party('bot-install');
    const late = app.send(bot, 'sent before rotation');
    bot.rotate();
    expect(bot.receive(app, late)).toBe('sent before rotation');
  });

  it('unknown pre-key or a ratchet message without a session is NOT_FOUND with its reason', () => {
    const app = new Party('app-install');
    const bot = new Party('bot-install');
    const stranger = new Party('bot-install');
    const first = app.send(bot, 'for the bot');
    const second = app.send(bot, 'again');
    const reason = (result: Result<unknown>): unknown =>
      result.ok ? undefined : result.error.details?.['reason'];
    expect(reason(stranger.tryReceive(app, first))).toBe('unknown-signed-pre-key');
    const entry = bot.entryOf(second);
    if (entry.kind !== 'ratchet') throw new Error('expected ratchet');
    const { x3dh: _dropped, ...withoutX3dh } = entry;
    const out = decryptFromPeer({
      ourIdentityPrivateKey: bot.identity,
      ourSignedPreKeys: bot.signedPreKeys,
      theirIdentityKey: app.publicKey,
      theirInstallationId: app.installationId,
      entry: withoutX3dh,
      sessions: [],
    });
    expect(codeOf(out)).toBe(ErrorCode.NOT_FOUND);
    expect(reason(out)).toBe('no-session');
  });
});
