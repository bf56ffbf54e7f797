import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runCli } from './run-cli.js';

const vectors = JSON.parse(
  readFileSync(new URL('../../../../shared/vectors/status-wire.json', import.meta.url), 'utf8'),
) as {
  keys: Record<'community' | 'member', { private: string; compressed: string; uncompressed: string }>;
  contentTopics: { chatId: string; contentTopic: string; symKey: string | null }[];
  applicationMetadataMessages: { ammBytes: string; messageId: string; signer: string; type: number }[];
  serializedKeys: { compressed: string; serialized: string }[];
  wakuPayloadV1: { encryptedPayload: string; expectedSigner: string }[];
};

async function run(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

async function runJson(...argv: string[]): Promise<Record<string, unknown>> {
  const { code, out, err } = await run(...argv, '--json');
  expect(err).toEqual([]);
  expect(code).toBe(0);
  return JSON.parse(out.join('\n')) as Record<string, unknown>;
}

/** A failure is one line "error: CODE: message" on stderr, nothing on stdout, exit code 1. */
async function expectFailure(code: string, ...argv: string[]): Promise<void> {
  const result = await run(...argv);
  expect(result.code).toBe(1);
  expect(result.out).toEqual([]);
  expect(result.err).toHaveLength(1);
  expect(result.err[0]).toMatch(new RegExp(`^error: ${code}: \\S`));
  expect(result.err[0]).not.toMatch(/\n|\bat .*\.ts:\d+/);
}

const [leaveAmm, chatAmm] = vectors.applicationMetadataMessages;
const [symmetricPayload, eciesPayload] = vectors.wakuPayloadV1;

describe('topics', () => {
  it('prints the content topic and symmetric key of every vector chat ID', async () => {
    for (const vector of vectors.contentTopics) {
      const result = await runJson('topics', vector.chatId);
      expect(result.contentTopic).toBe(vector.contentTopic);
      if (vector.symKey) expect(result.symKey).toBe(vector.symKey);
    }
  });

  it('prints human-readable lines without --json', async () => {
    const { code, out } = await run('topics', vectors.contentTopics[0]!.chatId);
    expect(code).toBe(0);
    expect(out.join('\n')).toContain(`contentTopic: ${vectors.contentTopics[0]!.contentTopic}`);
  });
});

describe('node-key', () => {
  it('makes a gateway node key whose peer id a file holding it gives, without showing the key', async () => {
    const made = await runJson('node-key');
    expect(made.nodeKey).toMatch(/^[0-9a-f]{64}$/);
    // secp256k1, as nwaku's.
    expect(made.peerId).toMatch(/^16Uiu2/);
    expect((await runJson('node-key')).nodeKey).not.toBe(made.nodeKey);
    const dir = await mkdtemp(join(tmpdir(), 'cli-node-key-'));
    try {
      const file = join(dir, 'waku-gateway-0');
      await writeFile(file, `${made.nodeKey as string}\n`);
      expect(await runJson('node-key', '--file', file)).toEqual({ peerId: made.peerId });
      await writeFile(file, 'CHANGE-ME-64-hex-digits');
      await expectFailure('INVALID_KEY', 'node-key', '--file', file);
      await expectFailure('BAD_USER_INPUT', 'node-key', '--file', join(dir, 'missing'));
      await expectFailure('BAD_USER_INPUT', 'node-key', made.nodeKey as string);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('key', () => {
  it('serializes and deserializes the vector keys', async () => {
    for (const vector of vectors.serializedKeys) {
      expect((await runJson('key', 'serialize', vector.compressed)).chatKey).toBe(vector.serialized);
      expect((await runJson('key', 'deserialize', vector.serialized)).compressedPublicKey).toBe(
        vector.compressed,
      );
    }
    const member = await runJson('key', 'serialize', vectors.keys.member.uncompressed);
    expect(member.publicKey).toBe(vectors.keys.member.uncompressed);
  });

  it('makes a new identity whose forms agree with each other', async () => {
    const identity = await runJson('key', 'new');
    expect(identity.privateKey).toMatch(/^0x[0-9a-f]{64}$/);
    expect(identity.publicKey).toMatch(/^0x04[0-9a-f]{128}$/);
    const again = await runJson('key', 'deserialize', identity.chatKey as string);
    expect(again.publicKey).toBe(identity.publicKey);
  });

  it('rejects keys that are not keys', async () => {
    await expectFailure('INVALID_KEY', 'key', 'serialize', '0x02' + 'ff'.repeat(32));
    await expectFailure('INVALID_KEY', 'key', 'deserialize', 'zQ3notakey');
    await expectFailure('BAD_USER_INPUT', 'key', 'rotate');
  });
});

describe('decode', () => {
  it('decodes a bare ApplicationMetadataMessage: type, name, signer, id, message', async () => {
    const result = await runJson('decode', leaveAmm!.ammBytes);
    expect(result.type).toBe(57);
    expect(result.typeName).toBe('COMMUNITY_REQUEST_TO_LEAVE');
    expect(result.signer).toBe(leaveAmm!.signer);
    expect(result.messageId).toBe(leaveAmm!.messageId);
    expect(result.message).toMatchObject({ communityId: vectors.keys.community.compressed });
  });

  it('opens a symmetric Waku payload with the key of a chat ID', async () => {
    const result = await runJson(
      'decode',
      symmetricPayload!.encryptedPayload,
      '--chat-id',
      vectors.keys.community.compressed,
    );
    expect(result.typeName).toBe('CHAT_MESSAGE');
    expect(result.signer).toBe(chatAmm!.signer);
    expect(result.envelopeSigner).toBe(symmetricPayload!.expectedSigner);
    expect(result.messageId).toBe(chatAmm!.messageId);
    expect(result.message).toMatchObject({ text: 'gm from the test vectors', messageType: 'COMMUNITY_CHAT' });
  });

  it('opens the same payload with an explicit --sym-key', async () => {
    const symKey = vectors.contentTopics[0]!.symKey!;
    const result = await runJson('decode', symmetricPayload!.encryptedPayload, '--sym-key', symKey);
    expect(result.messageId).toBe(chatAmm!.messageId);
  });

  it('opens an ECIES Waku payload with the recipient private key', async () => {
    const result = await runJson(
      'decode',
      eciesPayload!.encryptedPayload,
      '--private-key',
      vectors.keys.community.private,
    );
    expect(result.type).toBe(57);
    expect(result.signer).toBe(eciesPayload!.expectedSigner);
  });

  it('fails with one clear line on every kind of bad input', async () => {
    await expectFailure('BAD_USER_INPUT', 'decode');
    await expectFailure('INVALID_HEX', 'decode', '0xabc');
    await expectFailure(
      'DECRYPTION_FAILED',
      'decode',
      symmetricPayload!.encryptedPayload,
      '--chat-id',
      'wrong',
    );
    await expectFailure('INVALID_KEY', 'decode', eciesPayload!.encryptedPayload, '--private-key', '0x00');
    await expectFailure('MALFORMED_PROTOBUF', 'decode', leaveAmm!.ammBytes.slice(0, 60));
    // v is the 65th signature byte (after the 0a41 tag): 05 is no recovery id, so no key can be recovered.
    const ammHex = leaveAmm!.ammBytes;
    const badSignature = ammHex.slice(0, 4 + 128) + '05' + ammHex.slice(4 + 130);
    await expectFailure('INVALID_SIGNATURE', 'decode', badSignature);
    await expectFailure('BAD_USER_INPUT', 'decode', leaveAmm!.ammBytes, '--chat-id', 'a', '--sym-key', '00');
    await expectFailure('BAD_USER_INPUT', 'decode', leaveAmm!.ammBytes, '--unknown');
  });
});

describe('url', () => {
  it('encodes a community URL with data and decodes it back', async () => {
    const encoded = await runJson(
      'url',
      'encode',
      'community',
      '--key',
      vectors.keys.community.compressed,
      '--display-name',
      'Vectors',
      '--description',
      'A test community',
      '--members-count',
      '42',
      '--color',
      '#4360df',
      '--tag-indices',
      '1,3',
    );
    expect(encoded.url).toMatch(/^https:\/\/status\.app\/c\/[A-Za-z0-9_=-]+#zQ3sh/);
    const decoded = await runJson('url', 'decode', encoded.url as string);
    expect(decoded).toMatchObject({
      kind: 'community',
      communityId: vectors.keys.community.compressed,
      displayName: 'Vectors',
      description: 'A test community',
      membersCount: 42,
      color: '#4360df',
      tagIndices: [1, 3],
    });
  });

  it('encodes key-only community, channel and user URLs', async () => {
    const key = vectors.serializedKeys[0]!.serialized;
    expect((await runJson('url', 'encode', 'community', '--key', key)).url).toBe(
      `https://status.app/c#${key}`,
    );
    const uuid = '5f9c0b2e-1b7d-4c8a-9d51-6a3e2f0c7b14';
    expect((await runJson('url', 'encode', 'channel', '--key', key, '--uuid', uuid)).url).toBe(
      `https://status.app/cc/${uuid}#${key}`,
    );
    const user = await runJson(
      'url',
      'encode',
      'user',
      '--key',
      vectors.keys.member.uncompressed,
      '--display-name',
      'bot',
    );
    expect((await runJson('url', 'decode', user.url as string)).publicKey).toBe(
      vectors.keys.member.uncompressed,
    );
  });

  it('rejects junk URLs and bad options', async () => {
    await expectFailure('INVALID_URL', 'url', 'decode', 'https://example.com/c#zQ3sh');
    await expectFailure(
      'INVALID_URL',
      'url',
      'decode',
      'https://status.app/c/!!!#' + vectors.serializedKeys[0]!.serialized,
    );
    await expectFailure(
      'BAD_USER_INPUT',
      'url',
      'encode',
      'community',
      '--key',
      vectors.keys.community.compressed,
      '--members-count',
      'many',
    );
    await expectFailure(
      'BAD_USER_INPUT',
      'url',
      'encode',
      'planet',
      '--key',
      vectors.keys.community.compressed,
    );
  });
});

describe('the command line', () => {
  it('prints usage for --help and fails on unknown commands', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toContain('status-communities decode <hex>');
    await expectFailure('BAD_USER_INPUT', 'frobnicate');
  });
});
