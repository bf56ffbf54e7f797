import { describe, expect, it } from '@jest/globals';
import { ConfigError, defineServiceConfig } from '@status-communities/config';
import { ErrorCode, unwrap } from '@status-communities/errors';
import {
  KEYRING_SECRET_VARIABLES,
  createMasterKeyRing,
  keyringVariables,
  masterKeyById,
  masterKeyRingFromConfig,
  parseMasterKeyBytes,
  parseMasterKeyEntry,
} from './index.js';

const HEX = 'aa'.repeat(32);
const BASE64 = Buffer.alloc(32, 0xbb).toString('base64');
const OLD_HEX = 'cc'.repeat(32);

const config = defineServiceConfig({
  serviceName: 'keyring-test',
  variables: keyringVariables,
  secrets: KEYRING_SECRET_VARIABLES,
});

describe('master keys', () => {
  it('reads 32 bytes written as hex (with or without 0x) or base64', () => {
    expect(unwrap(parseMasterKeyBytes(HEX)).revealHex()).toBe(HEX);
    expect(unwrap(parseMasterKeyBytes(`0x${HEX}`)).revealHex()).toBe(HEX);
    expect(unwrap(parseMasterKeyBytes(BASE64)).revealHex()).toBe('bb'.repeat(32));
  });

  it.each([['aa'.repeat(31)], ['aa'.repeat(33)], [Buffer.alloc(16).toString('base64')], ['not a key']])(
    'refuses %s without echoing it',
    (text) => {
      const parsed = parseMasterKeyBytes(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.message).not.toContain(text);
    },
  );

  it('reads id:key entries and refuses bad ids', () => {
    const entry = unwrap(parseMasterKeyEntry(`2024-01:${OLD_HEX}`));
    expect(entry.id).toBe('2024-01');
    expect(entry.key.revealHex()).toBe(OLD_HEX);
    expect(parseMasterKeyEntry(OLD_HEX).ok).toBe(false);
    expect(parseMasterKeyEntry(`bad id:${OLD_HEX}`).ok).toBe(false);
  });

  it('builds a ring, refuses an id given twice, and names an unknown id', () => {
    const current = { id: 'k2', key: unwrap(parseMasterKeyBytes(HEX)) };
    const previous = unwrap(parseMasterKeyEntry(`k1:${OLD_HEX}`));
    const ring = unwrap(createMasterKeyRing(current, [previous]));
    expect(ring.current.id).toBe('k2');
    expect([...ring.byId.keys()]).toEqual(['k2', 'k1']);
    expect(unwrap(masterKeyById(ring, 'k1')).key.revealHex()).toBe(OLD_HEX);
    const missing = masterKeyById(ring, 'k0');
    expect(!missing.ok && missing.error.code).toBe(ErrorCode.UNKNOWN_MASTER_KEY);
    const twice = createMasterKeyRing(current, [{ ...previous, id: 'k2' }]);
    expect(!twice.ok && twice.error.code).toBe(ErrorCode.INVALID_CONFIG);
  });

  it('loads from the environment and hides the keys when the configuration is described', () => {
    const loaded = config.load({
      KEYRING_MASTER_KEY: HEX,
      KEYRING_MASTER_KEY_ID: 'k2',
      KEYRING_PREVIOUS_MASTER_KEYS: `k1:${OLD_HEX}, k0:${BASE64}`,
    });
    const ring = unwrap(masterKeyRingFromConfig('test-service', loaded));
    expect([...ring.byId.keys()]).toEqual(['k2', 'k1', 'k0']);
    const described = JSON.stringify(config.describe(loaded));
    for (const secret of [HEX, OLD_HEX, BASE64, 'bb'.repeat(32)]) expect(described).not.toContain(secret);
    expect(JSON.stringify(loaded)).not.toContain(HEX);
  });

  it('refuses a previous key under the current id as the service configuration error naming the variable', () => {
    const loaded = config.load({
      KEYRING_MASTER_KEY: HEX,
      KEYRING_MASTER_KEY_ID: 'k2',
      KEYRING_PREVIOUS_MASTER_KEYS: `k2:${OLD_HEX}`,
    });
    const ring = masterKeyRingFromConfig('test-service', loaded);
    expect(ring.ok).toBe(false);
    if (ring.ok) return;
    expect(ring.error).toBeInstanceOf(ConfigError);
    expect(ring.error.message).toContain('Invalid configuration for test-service (1 variable):');
    expect(ring.error.problems.map((problem) => problem.variable)).toEqual(['KEYRING_PREVIOUS_MASTER_KEYS']);
  });

  it('names every bad keyring variable without echoing values', () => {
    const parsed = config.parse({
      KEYRING_MASTER_KEY: 'aa'.repeat(20),
      KEYRING_MASTER_KEY_ID: 'no spaces',
      KEYRING_PREVIOUS_MASTER_KEYS: `k1:${'dd'.repeat(5)}`,
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.problems.map((problem) => problem.variable)).toEqual([
      'KEYRING_MASTER_KEY',
      'KEYRING_MASTER_KEY_ID',
      'KEYRING_PREVIOUS_MASTER_KEYS',
    ]);
    expect(parsed.error.message).not.toContain('aa'.repeat(20));
    expect(parsed.error.message).not.toContain('dd'.repeat(5));
    const missing = config.parse({});
    expect(!missing.ok && missing.error.problems.map((problem) => problem.variable)).toEqual([
      'KEYRING_MASTER_KEY',
      'KEYRING_MASTER_KEY_ID',
    ]);
  });
});
