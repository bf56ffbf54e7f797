import { describe, expect, it } from '@jest/globals';
import { generatePrivateKey, publicKeyFromPrivateKey, utf8ToBytes } from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import { wrapApplicationMessage } from '../messages/amm.js';
import type { BundleInstallation } from './bundles.js';
import { signBundle } from './bundles.js';
import { buildContactRequest } from './contact-requests.js';
import { openDirectTransport, sealDirectMessage, unwrapDirectPlaintext } from './envelope.js';
import { encodeMvdsPayload, mvdsMessageId, oneToOneGroupId } from './mvds.js';
import { decryptFromPeer } from './sessions.js';
import type { DirectSession } from './sessions.js';
import { compressedPublicKey } from './testing/fixtures.js';
import { negotiatedSecret, negotiatedTopic, partitionedTopic } from './topics.js';

const now = 1_765_000_000_000;

const party = (installationId: string) => {
  const identity = generatePrivateKey();
  const spk = generatePrivateKey();
  const installation: BundleInstallation = {
    installationId,
    signedPreKey: compressedPublicKey(spk),
    version: 1,
    protocolVersion: 1,
  };
  return {
    identity,
    publicKey: publicKeyFromPrivateKey(identity),
    installation,
    signedPreKeys: [{ publicKey: installation.signedPreKey, privateKey: spk }],
    bundle: signBundle({ identityPrivateKey: identity, installations: [installation], timestampNs: 1n }),
    sessions: [] as DirectSession[],
  };
};

describe('1:1 envelopes end to end (pure)', () => {
  it('app sends a contact request in MVDS to the bot partitioned topic; the bot reads it and acks it', () => {
    const app = party('app-install');
    const bot = party('bot-install');
    const request = unwrap(
      buildContactRequest({ recipientKey: bot.publicKey, text: 'add me', clock: now, timestampMs: now }),
    );
    const amm = wrapApplicationMessage(
      status.ApplicationMetadataMessage.Type.CHAT_MESSAGE,
      encodeProto(status.ChatMessage, status.ChatMessage.create(request)),
      app.identity,
    );
    const mvds = {
      groupId: unwrap(oneToOneGroupId(app.publicKey, bot.publicKey)),
      timestamp: 1_765_000_000n,
      body: amm,
    };
    const sealed = unwrap(
      sealDirectMessage({
        ourIdentityPrivateKey: app.identity,
        ourInstallationId: 'app-install',
        theirIdentityKey: bot.publicKey,
        theirInstallations: [bot.installation],
        ourCurrentSignedPreKeys: [app.installation.signedPreKey],
        sessions: [],
        plaintext: encodeMvdsPayload({ messages: [mvds] }),
        topic: unwrap(partitionedTopic(bot.publicKey)),
        bundle: app.bundle,
      }),
    );
    expect(sealed.contentTopic).toBe(unwrap(partitionedTopic(bot.publicKey)).contentTopic);

    const transport = unwrap(
      openDirectTransport({
        payload: sealed.payload,
        ourIdentityPrivateKey: bot.identity,
        ourInstallationId: 'bot-install',
      }),
    );
    expect(transport.sender).toEqual(app.publicKey);
    expect(transport.senderInstallationId).toBe('app-install');
    expect(transport.bundles.map((b) => b.installations[0]!.installationId)).toEqual(['app-install']);
    const decrypted = unwrap(
      decryptFromPeer({
        ourIdentityPrivateKey: bot.identity,
        ourSignedPreKeys: bot.signedPreKeys,
        theirIdentityKey: transport.sender,
        theirInstallationId: transport.senderInstallationId,
        entry: transport.selected.entry,
        sessions: bot.sessions,
      }),
    );
    const read = unwrap(unwrapDirectPlaintext(decrypted.plaintext, transport.sender));
    expect(read.datasync.kind).toBe('mvds');
    expect(read.messages).toHaveLength(1);
    expect(read.messages[0]!.author).toEqual(app.publicKey);
    expect(read.messages[0]!.typeName).toBe('CHAT_MESSAGE');

    // The ack goes back on the negotiated topic (the app's bundle has protocol_version 1).
    const topic = unwrap(negotiatedTopic(unwrap(negotiatedSecret(bot.identity, app.publicKey))));
    const ack = unwrap(
      sealDirectMessage({
        ourIdentityPrivateKey: bot.identity,
        ourInstallationId: 'bot-install',
        theirIdentityKey: app.publicKey,
        theirInstallations: [app.installation],
        ourCurrentSignedPreKeys: [bot.installation.signedPreKey],
        sessions: [decrypted.session!],
        plaintext: encodeMvdsPayload({ acks: [mvdsMessageId(mvds)] }),
        topic,
        bundle: bot.bundle,
      }),
    );
    expect(ack.contentTopic).toBe(topic.contentTopic);
    const appSide = unwrap(
      openDirectTransport({
        payload: ack.payload,
        ourIdentityPrivateKey: app.identity,
        ourInstallationId: 'app-install',
        symKey: unwrap(negotiatedTopic(unwrap(negotiatedSecret(app.identity, bot.publicKey)))).symKey!,
      }),
    );
    expect(appSide.selected.entry).not.toHaveProperty('x3dh');
  });

  it('refuses what is not for us and AMMs signed by someone else than the sender', () => {
    const app = party('app-install');
    const bot = party('bot-install');
    const sealed = unwrap(
      sealDirectMessage({
        ourIdentityPrivateKey: app.identity,
        ourInstallationId: 'app-install',
        theirIdentityKey: bot.publicKey,
        theirInstallations: [],
        ourCurrentSignedPreKeys: [],
        sessions: [],
        plaintext: utf8ToBytes('x'),
        topic: unwrap(partitionedTopic(bot.publicKey)),
      }),
    );
    const open = (payload: Uint8Array, priv: Uint8Array) =>
      openDirectTransport({ payload, ourIdentityPrivateKey: priv, ourInstallationId: 'bot-install' });
    expect(open(sealed.payload, bot.identity).ok).toBe(true);
    const stranger = open(sealed.payload, generatePrivateKey());
    expect(stranger.ok ? undefined : stranger.error.code).toBe(ErrorCode.DECRYPTION_FAILED);
    const garbage = open(new Uint8Array(10), bot.identity);
    expect(garbage.ok ? undefined : garbage.error.code).toBe(ErrorCode.MALFORMED_PAYLOAD);

    const forged = wrapApplicationMessage(
      status.ApplicationMetadataMessage.Type.CHAT_MESSAGE,
      utf8ToBytes('x'),
      generatePrivateKey(),
    );
    const result = unwrapDirectPlaintext(forged, app.publicKey);
    expect(result.ok ? undefined : result.error.code).toBe(ErrorCode.WRONG_SIGNER);
    const bare = unwrap(
      unwrapDirectPlaintext(
        wrapApplicationMessage(
          status.ApplicationMetadataMessage.Type.CHAT_MESSAGE,
          utf8ToBytes('x'),
          app.identity,
        ),
        app.publicKey,
      ),
    );
    expect(bare.datasync.kind).toBe('bare');
    expect(bare.messages).toHaveLength(1);
  });
});
