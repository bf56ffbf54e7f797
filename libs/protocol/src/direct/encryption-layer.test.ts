import { describe, expect, it } from '@jest/globals';
import {
  generatePrivateKey,
  initiatorRatchetState,
  openWithDh,
  performActiveX3dh,
  performPassiveX3dh,
  publicKeyFromPrivateKey,
  ratchetDecrypt,
  ratchetEncrypt,
  responderRatchetState,
  sealWithDh,
  utf8ToBytes,
} from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { decodeProto, status } from '@status-communities/proto';
import { NO_INSTALLATION_ID } from '../messages/layers.js';
import { signBundle } from './bundles.js';
import {
  dhEntry,
  encodeDirectProtocolMessage,
  parseDirectEntry,
  ratchetEntry,
  selectDirectEntry,
  verifyProtocolMessageBundles,
} from './encryption-layer.js';
import { compressedPublicKey } from './testing/fixtures.js';

const codeOf = (result: Result<unknown>): string | undefined => (result.ok ? undefined : result.error.code);
const decode = (bytes: Uint8Array): status.encryption.ProtocolMessage =>
  unwrap(decodeProto<status.encryption.ProtocolMessage>(status.encryption.ProtocolMessage, bytes));

const BOT_INSTALLATION = '6d3f1f0e-8a6b-4d7c-9e2a-0b1c2d3e4f50';
const APP_INSTALLATION = 'a1b2c3d4-0000-4000-8000-000000000001';

describe('1:1 encryption layer', () => {
  it('app → bot over X3DH + double ratchet: bundle verified, entry chosen, passive X3DH, decrypted', () => {
    const botIdentity = generatePrivateKey();
    const botSpk = generatePrivateKey();
    const appIdentity = generatePrivateKey();
    const botBundle = signBundle({
      identityPrivateKey: botIdentity,
      installations: [
        {
          installationId: BOT_INSTALLATION,
          signedPreKey: compressedPublicKey(botSpk),
          version: 1,
          protocolVersion: 1,
        },
      ],
      timestampNs: 1_765_000_000_000_000_000n,
    });

    // The app, holding the bot's verified bundle, starts a session.
    const [bot] = unwrap(verifyProtocolMessageBundles({ bundles: [botBundle] }));
    const target = bot!.installations[0]!;
    const ephemeral = generatePrivateKey();
    const sk = unwrap(
      performActiveX3dh({
        ourIdentityPrivateKey: appIdentity,
        ourEphemeralPrivateKey: ephemeral,
        theirIdentityPublicKey: bot!.identity,
        theirSignedPreKey: target.signedPreKey,
      }),
    );
    const sent = ratchetEncrypt(
      unwrap(initiatorRatchetState(sk, target.signedPreKey)),
      utf8ToBytes('hello bot'),
    );
    const wire = encodeDirectProtocolMessage({
      installationId: APP_INSTALLATION,
      entries: {
        [target.installationId]: ratchetEntry(sent, target.signedPreKey, {
          ephemeralKey: compressedPublicKey(ephemeral),
          bundleId: target.signedPreKey,
        }),
      },
    });

    // The bot.
    const message = decode(wire);
    expect(message.installationId).toBe(APP_INSTALLATION);
    const selected = unwrap(selectDirectEntry(message, BOT_INSTALLATION));
    expect(selected.installationId).toBe(BOT_INSTALLATION);
    const entry = selected.entry;
    if (entry.kind !== 'ratchet' || !entry.x3dh) throw new Error('expected X3DH + DR');
    expect(entry.x3dh.bundleId).toEqual(compressedPublicKey(botSpk));
    const botSk = unwrap(
      performPassiveX3dh({
        ourIdentityPrivateKey: botIdentity,
        ourSignedPreKeyPrivateKey: botSpk,
        theirIdentityPublicKey: publicKeyFromPrivateKey(appIdentity),
        theirEphemeralPublicKey: entry.x3dh.ephemeralKey,
      }),
    );
    const out = unwrap(
      ratchetDecrypt(unwrap(responderRatchetState(botSk, botSpk)), entry.header, entry.payload),
    );
    expect(new TextDecoder().decode(out.plaintext)).toBe('hello bot');
  });

  it('bot → app over DH "none", no bundle: the app finds the "none" entry', () => {
    const appIdentity = generatePrivateKey();
    const sealed = unwrap(sealWithDh(utf8ToBytes('reply'), publicKeyFromPrivateKey(appIdentity)));
    const message = decode(
      encodeDirectProtocolMessage({
        installationId: BOT_INSTALLATION,
        entries: { [NO_INSTALLATION_ID]: dhEntry(sealed) },
      }),
    );
    expect(message.bundles).toEqual([]);
    const selected = unwrap(selectDirectEntry(message, APP_INSTALLATION));
    expect(selected.installationId).toBe(NO_INSTALLATION_ID);
    if (selected.entry.kind !== 'dh') throw new Error('expected DH');
    expect(unwrap(openWithDh(selected.entry.payload, selected.entry.ephemeralKey, appIdentity))).toEqual(
      utf8ToBytes('reply'),
    );
  });

  it('a message for other installations only is NOT_FOUND (device-not-found) with their IDs', () => {
    const result = selectDirectEntry(
      {
        encryptedMessage: {
          'someone-else': { DHHeader: { key: compressedPublicKey(generatePrivateKey()) } },
        },
      },
      BOT_INSTALLATION,
    );
    expect(result.ok ? undefined : result.error.details).toEqual({
      reason: 'device-not-found',
      installationIds: ['someone-else'],
    });
    expect(codeOf(result)).toBe(ErrorCode.NOT_FOUND);
  });

  it('garbage headers are MALFORMED_PAYLOAD', () => {
    const key = compressedPublicKey(generatePrivateKey());
    const cases: status.encryption.EncryptedMessageProtocol.$Properties[] = [
      {},
      { HRHeader: { seqNo: 1 }, payload: new Uint8Array(3) },
      { DHHeader: { key: new Uint8Array(33).fill(4) } },
      { DHHeader: {} },
      { DRHeader: { key: new Uint8Array(5), n: 0, pn: 0, id: key } },
      { DRHeader: { key, n: 0, pn: 0 } },
      { DRHeader: { key, id: key }, X3DHHeader: { key: new Uint8Array(33), id: key } },
      { DRHeader: { key, id: key }, X3DHHeader: { key } },
    ];
    for (const entry of cases) expect(codeOf(parseDirectEntry(entry))).toBe(ErrorCode.MALFORMED_PAYLOAD);
  });

  it('one forged bundle fails the whole message', () => {
    const good = signBundle({
      identityPrivateKey: generatePrivateKey(),
      installations: [
        {
          installationId: 'x',
          signedPreKey: compressedPublicKey(generatePrivateKey()),
          version: 1,
          protocolVersion: 1,
        },
      ],
      timestampNs: 1n,
    });
    const forged = { ...good, identity: compressedPublicKey(generatePrivateKey()) };
    expect(unwrap(verifyProtocolMessageBundles({ bundles: [good] }))).toHaveLength(1);
    expect(codeOf(verifyProtocolMessageBundles({ bundles: [good, forged] }))).toBe(ErrorCode.WRONG_SIGNER);
  });
});
