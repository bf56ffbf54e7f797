import { describe, expect, it } from '@jest/globals';
import { createLogger } from './logger.js';
import { stopSteps } from './stop-step.js';

describe('stopSteps', () => {
  it('logs a failed step with its name and goes on with the next', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({
      serviceName: 'test',
      destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    });
    const step = stopSteps(logger, 'test service');
    const closed: string[] = [];
    await step('queues', () => Promise.reject(new Error('stuck')));
    await step('database', async () => void closed.push('database'));
    expect(closed).toEqual(['database']);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', step: 'queues', msg: 'test service stop step failed' }),
    ]);
  });
});
