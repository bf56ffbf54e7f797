import { describe, expect, it } from '@jest/globals';
import { multiaddr } from '@multiformats/multiaddr';
import { STATUS_FLEETS, STATUS_FLEET_STORE_NODES } from './index.js';

describe('STATUS_FLEET_STORE_NODES', () => {
  it('names dialable store nodes, each with its peer id, for every fleet', () => {
    expect(Object.keys(STATUS_FLEET_STORE_NODES).sort()).toEqual(Object.keys(STATUS_FLEETS).sort());
    for (const [fleet, nodes] of Object.entries(STATUS_FLEET_STORE_NODES)) {
      expect(nodes.length).toBeGreaterThan(0);
      for (const node of nodes) {
        expect(node).toContain(`.${fleet}.status.im/tcp/30303/`);
        expect(multiaddr(node).getPeerId()).toMatch(/^16Uiu2/);
      }
      expect(new Set(nodes).size).toBe(nodes.length);
    }
    expect(STATUS_FLEET_STORE_NODES['status.prod'][0]).toBe(
      '/dns4/store-01.do-ams3.status.prod.status.im/tcp/30303/p2p/16Uiu2HAmAUdrQ3uwzuE4Gy4D56hX6uLKEeerJAnhKEHZ3DxF1EfT',
    );
  });
});
