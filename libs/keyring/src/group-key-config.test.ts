import { describe, expect, it } from '@jest/globals';
import { defineServiceConfig } from '@status-communities/config';
import { unwrap } from '@status-communities/errors';
import { GROUP_KEY_SECRET_VARIABLES, groupKeyRingFromConfig, groupKeyVariables } from './index.js';

const HEX = 'ab'.repeat(32);
const config = defineServiceConfig({
  serviceName: 'group-key-test',
  variables: groupKeyVariables,
  secrets: GROUP_KEY_SECRET_VARIABLES,
});

describe('group-key master key configuration', () => {
  it('is absent when neither variable is set: the service handles no encrypted community', () => {
    expect(unwrap(groupKeyRingFromConfig('svc', config.load({})))).toBeUndefined();
  });

  it('loads the key under its id and never shows it', () => {
    const loaded = config.load({ GROUP_KEYS_MASTER_KEY: HEX, GROUP_KEYS_MASTER_KEY_ID: 'g1' });
    const ring = unwrap(groupKeyRingFromConfig('svc', loaded));
    expect(ring?.current.id).toBe('g1');
    expect(ring?.current.key.revealHex()).toBe(HEX);
    expect(JSON.stringify(config.describe(loaded))).not.toContain(HEX);
  });

  it('names the missing variable when only one is set', () => {
    const onlyKey = groupKeyRingFromConfig('svc', config.load({ GROUP_KEYS_MASTER_KEY: HEX }));
    expect(!onlyKey.ok && onlyKey.error.problems.map((p) => p.variable)).toEqual([
      'GROUP_KEYS_MASTER_KEY_ID',
    ]);
    const onlyId = groupKeyRingFromConfig('svc', config.load({ GROUP_KEYS_MASTER_KEY_ID: 'g1' }));
    expect(!onlyId.ok && onlyId.error.problems.map((p) => p.variable)).toEqual(['GROUP_KEYS_MASTER_KEY']);
  });
});
