import { Writable } from 'node:stream';
import { format, inspect } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import { createLogger } from '@status-communities/observability';
import { REDACTED_SECRET, SecretBytes, SecretKey } from './index.js';

const PRIVATE_HEX = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';

const keyOf = (hex: string): SecretKey => {
  const key = SecretKey.fromHex(hex);
  if (!key.ok) throw key.error;
  return key.value;
};

/** Every line a logger writes, as text. */
const captureLogger = () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger({ serviceName: 'keyring-test', destination }) };
};

describe('SecretKey', () => {
  it('keeps the key and derives its public forms', () => {
    const key = keyOf(`0x${PRIVATE_HEX}`);
    expect(key.revealHex()).toBe(PRIVATE_HEX);
    expect(key.publicKeyHex).toMatch(/^0x04[0-9a-f]{128}$/);
    expect(key.compressedPublicKeyHex).toMatch(/^0x0[23][0-9a-f]{64}$/);
    expect(key.address).toMatch(/^0x[0-9a-f]{40}$/);
    expect(key.publicKey).toHaveLength(65);
  });

  it('never shows the key through String, JSON, util.inspect or format', () => {
    const key = keyOf(PRIVATE_HEX);
    const holder = { communityKey: key, nested: [{ key }] };
    const renderings = [
      String(key),
      `${key}`,
      JSON.stringify(holder),
      inspect(holder, { depth: 10, showHidden: true }),
      format('%o %O %s %j', key, key, key, holder),
    ];
    for (const text of renderings) {
      expect(text).not.toContain(PRIVATE_HEX);
      expect(text).toContain(REDACTED_SECRET);
    }
    expect(JSON.parse(JSON.stringify(holder))).toEqual({
      communityKey: REDACTED_SECRET,
      nested: [{ key: REDACTED_SECRET }],
    });
  });

  it('never shows the key in a log line, under any field name, or a scrubbed one', () => {
    const { lines, logger } = captureLogger();
    const key = keyOf(PRIVATE_HEX);
    logger.info({ signer: key, job: { key } }, 'signing');
    logger.child({ identity: key }).warn('child bindings too');
    logger.info(
      { privateKey: PRIVATE_HEX, masterKey: PRIVATE_HEX, keyringMasterKey: PRIVATE_HEX },
      'raw hex',
    );
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).not.toContain(PRIVATE_HEX);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      signer: REDACTED_SECRET,
      job: { key: REDACTED_SECRET },
    });
  });

  it('refuses what is not a secp256k1 key without echoing it', () => {
    for (const text of ['00'.repeat(32), 'ff'.repeat(32), 'abc', `${PRIVATE_HEX}00`, 'zz'.repeat(32)]) {
      const parsed = SecretKey.fromHex(text);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.error.code).toBe(ErrorCode.INVALID_KEY);
      expect(JSON.stringify({ message: parsed.error.message, details: parsed.error.details })).not.toContain(
        text,
      );
    }
    expect(SecretKey.fromBytes(new Uint8Array(31)).ok).toBe(false);
  });

  it('copies what it is given and wipes on request', () => {
    const bytes = Uint8Array.from(Buffer.from(PRIVATE_HEX, 'hex'));
    const key = SecretKey.fromBytes(bytes);
    if (!key.ok) throw key.error;
    bytes.fill(0);
    expect(key.value.revealHex()).toBe(PRIVATE_HEX);
    key.value.wipe();
    expect(key.value.reveal().every((byte) => byte === 0)).toBe(true);
  });

  it('generates distinct valid keys', () => {
    const a = SecretKey.generate();
    const b = SecretKey.generate();
    expect(a.revealHex()).not.toBe(b.revealHex());
    expect(SecretKey.fromBytes(a.reveal()).ok).toBe(true);
  });

  it('redacts plain secret bytes the same way', () => {
    const secret = SecretBytes.of(Uint8Array.of(1, 2, 3));
    expect(JSON.stringify({ secret })).toBe(`{"secret":"${REDACTED_SECRET}"}`);
    expect(inspect(secret)).toBe(`SecretBytes ${REDACTED_SECRET}`);
    expect(secret.length).toBe(3);
  });
});
