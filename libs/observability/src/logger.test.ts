import { describe, expect, it } from '@jest/globals';
import { createLogger, newCorrelationId, withCorrelation } from './index.js';

const capture = () => {
  const lines: string[] = [];
  return {
    destination: { write: (line: string) => void lines.push(line) },
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => lines.join(''),
  };
};

describe('structured logging', () => {
  it('writes one JSON object per line with level name, time, service and fields', () => {
    const out = capture();
    const logger = createLogger({ serviceName: 'indexer', destination: out.destination });
    logger.info({ shard: 32 }, 'message stored');
    logger.debug('not at info level');

    const [record, ...rest] = out.records();
    expect(rest).toEqual([]);
    expect(record).toMatchObject({ level: 'info', service: 'indexer', shard: 32, msg: 'message stored' });
    expect(new Date(String(record?.['time'])).toISOString()).toBe(record?.['time']);
    expect(record?.['pid']).toBe(process.pid);
  });

  it('carries a correlation id on every line of a child logger, through further children', () => {
    const out = capture();
    const logger = createLogger({ serviceName: 'waku-gateway', destination: out.destination });
    const correlationId = newCorrelationId();
    const perMessage = withCorrelation(logger, correlationId, { hash: 'ab'.repeat(32) });
    perMessage.info('relayed');
    perMessage.child({ stage: 'enqueue' }).warn('queue slow');
    logger.info('unrelated');

    const records = out.records();
    expect(records[0]).toMatchObject({ correlationId, hash: 'ab'.repeat(32), msg: 'relayed' });
    expect(records[1]).toMatchObject({ correlationId, stage: 'enqueue', level: 'warn' });
    expect(records[2]).not.toHaveProperty('correlationId');
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never writes the value of a secret key, at any depth, in fields or bindings', () => {
    const out = capture();
    const logger = createLogger({
      serviceName: 'publisher',
      destination: out.destination,
      secretKeys: ['walletKey'],
    });
    const secrets = [
      'S1-priv',
      'S2-nested',
      'S3-deep',
      'S4-array',
      'S5-env',
      'S6-binding',
      'S7-extra',
      'S8-auth',
    ];
    logger.child({ community: { id: '0x02', keyring: { privateKey: secrets[5] } } }).info(
      {
        privateKey: secrets[0],
        identity: { displayName: 'Bot', private_key: secrets[1] },
        a: { b: { c: { d: { e: { masterKey: secrets[2] } } } } },
        members: [{ publicKey: '0x04aa', symKey: secrets[3] }],
        config: { KEYRING_MASTER_KEY: secrets[4], REDIS_URL: 'redis://127.0.0.1:6379' },
        walletKey: secrets[6],
        headers: { Authorization: secrets[7], accept: 'application/json' },
      },
      'community created',
    );

    const text = out.text();
    for (const secret of secrets) expect(text).not.toContain(secret);
    const [record] = out.records();
    expect(record).toMatchObject({
      privateKey: '[redacted]',
      identity: { displayName: 'Bot', private_key: '[redacted]' },
      members: [{ publicKey: '0x04aa', symKey: '[redacted]' }],
      config: { KEYRING_MASTER_KEY: '[redacted]', REDIS_URL: 'redis://127.0.0.1:6379' },
      headers: { Authorization: '[redacted]', accept: 'application/json' },
      community: { id: '0x02', keyring: { privateKey: '[redacted]' } },
      msg: 'community created',
    });
  });

  it('still serialises errors with their message and stack', () => {
    const out = capture();
    const logger = createLogger({ serviceName: 'api', destination: out.destination });
    logger.error({ err: new Error('boom') }, 'request failed');
    const [record] = out.records();
    expect(record?.['err']).toMatchObject({ type: 'Error', message: 'boom' });
    expect(String((record?.['err'] as { stack: string }).stack)).toContain('logger.test');
  });
});
