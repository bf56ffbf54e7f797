import { describe, expect, it } from '@jest/globals';
import { SingleFlight } from './shared-reads.js';

describe('SingleFlight', () => {
  it('gives concurrent callers of one key the same read, and starts a new read once it has ended', async () => {
    const flight = new SingleFlight<number>();
    const finishers: ((value: number) => void)[] = [];
    let loads = 0;
    const load = () => {
      loads += 1;
      return new Promise<number>((resolve) => finishers.push(resolve));
    };
    const first = flight.run('c1', load);
    const second = flight.run('c1', load);
    const other = flight.run('c2', load);
    expect(loads).toBe(2);
    finishers[0]?.(1);
    finishers[1]?.(2);
    expect([await first, await second, await other]).toEqual([1, 1, 2]);
    const later = flight.run('c1', load);
    expect(loads).toBe(3);
    finishers[2]?.(3);
    expect(await later).toBe(3);
  });

  it('shares a failure with the callers that waited for it, and only with them', async () => {
    const flight = new SingleFlight<number>();
    let fail = true;
    const load = () => (fail ? Promise.reject(new Error('down')) : Promise.resolve(7));
    const [a, b] = await Promise.allSettled([flight.run('c1', load), flight.run('c1', load)]);
    expect(a).toMatchObject({ status: 'rejected', reason: new Error('down') });
    expect(b).toMatchObject({ status: 'rejected', reason: new Error('down') });
    fail = false;
    expect(await flight.run('c1', load)).toBe(7);
  });
});
