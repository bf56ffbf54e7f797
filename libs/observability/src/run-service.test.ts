import { describe, expect, it } from '@jest/globals';
import { ErrorCode, StatusError, err, ok } from '@status-communities/errors';
import { createReadiness } from './readiness.js';
import type { RunningService, ServiceBasics } from './run-service.js';
import { runService } from './run-service.js';

const config: ServiceBasics = { SERVICE_NAME: 'test-service', LOG_LEVEL: 'silent' };

const program = (
  overrides: Partial<Parameters<typeof runService<ServiceBasics, RunningService>>[0]> = {},
) => {
  const exits: number[] = [];
  const errors: string[] = [];
  const events: string[] = [];
  const readiness = createReadiness();
  return {
    exits,
    errors,
    events,
    readiness,
    options: {
      name: 'test service',
      config: ok(config),
      describeConfig: () => ({}),
      shutdownTimeoutMs: 1_000,
      start: async () => {
        events.push('started');
        return {
          readiness,
          stop: async () => {
            events.push(`stopped, ready=${(await readiness.check()).ready}`);
          },
        };
      },
      exit: (code: number) => exits.push(code),
      writeError: (text: string) => errors.push(text),
      ...overrides,
    },
  };
};

describe('runService', () => {
  it('refuses a bad configuration with its message and exit 1, before starting anything', async () => {
    const run = program({
      config: err(new StatusError(ErrorCode.INVALID_CONFIG, 'Invalid configuration: PORT: must be a port')),
    });
    expect(await runService(run.options)).toBeUndefined();
    expect(run.errors).toEqual(['Invalid configuration: PORT: must be a port\n']);
    expect(run.exits).toEqual([1]);
    expect(run.events).toEqual([]);
  });

  it('starts, then on shutdown turns not ready before stopping and exits 0', async () => {
    const run = program();
    const shutdown = await runService(run.options);
    expect(run.events).toEqual(['started']);
    expect(run.exits).toEqual([]);
    expect(await shutdown?.run('test')).toBe(0);
    expect(run.events).toEqual(['started', 'stopped, ready=false']);
    expect(run.exits).toEqual([0]);
  });

  it('exits 1 when the service fails to start', async () => {
    const run = program({
      start: () => Promise.reject(new Error('no database')),
    });
    expect(await runService(run.options)).toBeUndefined();
    expect(run.exits).toEqual([1]);
  });

  it('exits 1 when stopping fails', async () => {
    const run = program({
      start: async () => ({ readiness: createReadiness(), stop: () => Promise.reject(new Error('stuck')) }),
    });
    const shutdown = await runService(run.options);
    expect(await shutdown?.run('test')).toBe(1);
    expect(run.exits).toEqual([1]);
  });
});
