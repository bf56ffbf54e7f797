import { describe, expect, it } from '@jest/globals';
import { defineServiceConfig } from '@status-communities/config';
import { unwrap } from '@status-communities/errors';
import {
  GROUP_KEY_SECRET_VARIABLES,
  KEYRING_SECRET_VARIABLES,
  controlNodeKeyRingsFromConfig,
  describeControlNodeKeyRings,
  groupKeyVariables,
  keyringVariables,
} from './index.js';

const MASTER = 'cd'.repeat(32);
const GROUP = 'ab'.repeat(32);
const config = defineServiceConfig({
  serviceName: 'control-node-test',
  variables: { ...keyringVariables, ...groupKeyVariables },
  secrets: [...KEYRING_SECRET_VARIABLES, ...GROUP_KEY_SECRET_VARIABLES],
});

describe('a control node service’s key rings', () => {
  it('opens both rings and describes them by key id only', () => {
    const rings = unwrap(
      controlNodeKeyRingsFromConfig(
        'svc',
        config.load({
          KEYRING_MASTER_KEY: MASTER,
          KEYRING_MASTER_KEY_ID: 'k2',
          KEYRING_PREVIOUS_MASTER_KEYS: `k1:${'ef'.repeat(32)}`,
          GROUP_KEYS_MASTER_KEY: GROUP,
          GROUP_KEYS_MASTER_KEY_ID: 'g1',
        }),
      ),
    );
    const described = describeControlNodeKeyRings(rings);
    expect(described).toEqual({ masterKeyIds: ['k2', 'k1'], groupKeyMasterKeyId: 'g1' });
    expect(JSON.stringify(described)).not.toMatch(/cdcd|abab|efef/);
  });

  it('has no group-key ring when its variables are unset', () => {
    const rings = unwrap(
      controlNodeKeyRingsFromConfig(
        'svc',
        config.load({ KEYRING_MASTER_KEY: MASTER, KEYRING_MASTER_KEY_ID: 'k1' }),
      ),
    );
    expect(describeControlNodeKeyRings(rings)).toEqual({ masterKeyIds: ['k1'], groupKeyMasterKeyId: null });
  });

  it('names the first bad variable: a repeated previous key id, then a half-set group key', () => {
    const repeated = controlNodeKeyRingsFromConfig(
      'svc',
      config.load({
        KEYRING_MASTER_KEY: MASTER,
        KEYRING_MASTER_KEY_ID: 'k1',
        KEYRING_PREVIOUS_MASTER_KEYS: `k1:${'ef'.repeat(32)}`,
        GROUP_KEYS_MASTER_KEY: GROUP,
      }),
    );
    expect(!repeated.ok && repeated.error.problems.map((p) => p.variable)).toEqual([
      'KEYRING_PREVIOUS_MASTER_KEYS',
    ]);
    const halfGroup = controlNodeKeyRingsFromConfig(
      'svc',
      config.load({ KEYRING_MASTER_KEY: MASTER, KEYRING_MASTER_KEY_ID: 'k1', GROUP_KEYS_MASTER_KEY: GROUP }),
    );
    expect(!halfGroup.ok && halfGroup.error.problems.map((p) => p.variable)).toEqual([
      'GROUP_KEYS_MASTER_KEY_ID',
    ]);
  });
});
