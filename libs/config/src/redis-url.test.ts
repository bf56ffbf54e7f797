import { parseRedisUrl } from './redis-url.js';

describe('parseRedisUrl', () => {
  it('reads a single server URL as it is', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6379')).toEqual({
      kind: 'single',
      url: 'redis://127.0.0.1:6379',
    });
    expect(parseRedisUrl('rediss://:pw@cache:6380/2')).toEqual({
      kind: 'single',
      url: 'rediss://:pw@cache:6380/2',
    });
  });

  it('reads the seed nodes, TLS and credentials of a cluster URL', () => {
    expect(parseRedisUrl('redis+cluster://10.0.0.1:7000,redis-1.redis:7001, [::1]:7002')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: 'redis-1.redis', port: 7001 },
        { host: '::1', port: 7002 },
      ],
      tls: false,
    });
    expect(parseRedisUrl('rediss+cluster://app:p%40ss@a:7000/')).toEqual({
      kind: 'cluster',
      nodes: [{ host: 'a', port: 7000 }],
      tls: true,
      username: 'app',
      password: 'p@ss',
    });
    expect(parseRedisUrl('redis+cluster://:secret@a:7000')).toMatchObject({ password: 'secret' });
  });

  it('refuses what names no server, a cluster node without a port, or a database number on a cluster', () => {
    for (const bad of [
      'http://a:6379',
      'redis://',
      'redis+cluster://',
      'redis+cluster://a',
      'redis+cluster://a:7000,b',
      'redis+cluster://a:70000',
      'redis+cluster://a:7000/1',
      'a:7000',
    ])
      expect([bad, parseRedisUrl(bad)]).toEqual([bad, undefined]);
  });
});
