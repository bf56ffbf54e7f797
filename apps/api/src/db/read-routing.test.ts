import { describe, expect, it } from '@jest/globals';
import type { RouteInput } from './read-routing.js';
import { routeOperation } from './read-routing.js';

const plainQuery: RouteInput = {
  operation: 'query',
  replicaConfigured: true,
  replica: 'caught-up',
  recentWrite: false,
};

describe('routeOperation', () => {
  it('reads a plain query from a replica that keeps up', () => {
    expect(routeOperation(plainQuery)).toEqual({ pool: 'replica', reason: 'replica' });
  });

  it('keeps everything on the primary without a replica', () => {
    expect(routeOperation({ ...plainQuery, replicaConfigured: false })).toEqual({
      pool: 'primary',
      reason: 'no-replica',
    });
  });

  it('runs mutations, subscriptions and unparsed documents on the primary', () => {
    for (const operation of ['mutation', 'subscription', undefined] as const)
      expect(routeOperation({ ...plainQuery, operation })).toEqual({ pool: 'primary', reason: 'write' });
  });

  it('reads the primary for a tenant that wrote within the window (read-your-writes)', () => {
    expect(routeOperation({ ...plainQuery, recentWrite: true })).toEqual({
      pool: 'primary',
      reason: 'recent-write',
    });
  });

  it('falls back to the primary while the replica lags or its lag is unknown', () => {
    expect(routeOperation({ ...plainQuery, replica: 'lagging' })).toEqual({
      pool: 'primary',
      reason: 'replica-lagging',
    });
    expect(routeOperation({ ...plainQuery, replica: 'unknown' })).toEqual({
      pool: 'primary',
      reason: 'replica-unknown',
    });
  });
});
