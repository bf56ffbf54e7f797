import { describe, expect, it } from '@jest/globals';
import { SERVICES, SERVICE_SECRET_KEYS, serviceByName } from './services.js';

describe('SERVICES', () => {
  it('gives every service its own health port', () => {
    const ports = SERVICES.map((service) => service.healthPort);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('hands the keyring only to the control-node services, and the api keys only to the api', () => {
    const holders = (key: string) =>
      SERVICES.filter((service) => (service.secretKeys as readonly string[]).includes(key)).map(
        ({ name }) => name,
      );
    expect(holders('KEYRING_MASTER_KEY')).toEqual(['publisher', 'request-handler']);
    expect(holders('WEBHOOK_SECRET_KEY')).toEqual(['api']);
    expect(holders('GROUP_KEYS_MASTER_KEY')).toEqual(['indexer', 'publisher', 'request-handler']);
    expect(SERVICE_SECRET_KEYS).toContain('WAKU_NODE_KEY');
    expect(serviceByName('api').healthPort).toBe(9104);
  });
});
