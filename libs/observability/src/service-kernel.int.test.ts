import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { createMetrics } from './metrics.js';
import { startService } from './service-kernel.js';

describe('startService with health endpoints', () => {
  it('serves /readyz until every disposer has run, then closes the health server', async () => {
    const logger = pino({ level: 'silent' });
    const statuses: number[] = [];
    let url = '';
    const service = await startService({
      name: 'test service',
      logger,
      health: {
        serviceName: 'test-service',
        port: 0,
        metrics: createMetrics({ serviceName: 'test-service' }),
      },
      build: async (scope) => {
        scope.defer('worker', async () => statuses.push((await fetch(`${url}/readyz`)).status));
        return {};
      },
    });
    url = service.healthUrl ?? '';
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    await service.stop();
    expect(statuses).toEqual([503]);
    await expect(fetch(`${url}/readyz`)).rejects.toThrow();
  });
});
