import { describe, expect, it } from '@jest/globals';
import { formatResult, header, summarize } from './report.js';
import type { FaultResult } from './window.js';

const result = (fault: string, lost: number, duplicated = 0, problems: string[] = []): FaultResult => ({
  fault,
  tally: { sent: 400, indexed: 400 - lost, duplicated, lost },
  readySeconds: 2.345,
  note: '',
  problems,
});

describe('the report', () => {
  it('prints one aligned line per fault with its counts and seconds to ready', () => {
    expect(header()).toMatch(/^fault\s+sent\s+indexed\s+duplicated\s+lost\s+ready \(s\)\s+note$/);
    const line = formatResult({ ...result('kill -9 indexer', 0), note: 'killed twice' });
    expect(line.split(/\s{2,}/)).toEqual(['kill -9 indexer', '400', '400', '0', '0', '2.3', 'killed twice']);
    expect(line.indexOf('400')).toBe(header().indexOf('sent') + 'sent'.length - '400'.length);
  });

  it('passes only when no fault lost, duplicated or found a problem', () => {
    expect(summarize([result('a', 0), result('b', 0)])).toEqual({
      passed: true,
      lines: ['2 faults, 800 posts sent, 800 indexed: every fault lost 0 and duplicated 0'],
    });
    const failed = summarize([result('a', 240), result('b', 0, 3), result('c', 0, 0, ['api /readyz hung'])]);
    expect(failed.passed).toBe(false);
    expect(failed.lines).toEqual([
      '3 faults, 1200 posts sent, 960 indexed: 3 failed',
      'FAILED a: 240 lost',
      'FAILED b: 3 duplicated',
      'FAILED c: api /readyz hung',
    ]);
  });
});
