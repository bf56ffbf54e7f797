import { describe, expect, it } from '@jest/globals';
import { formatLogLine } from './log-lines.js';

const jsonLine = JSON.stringify({
  level: 'info',
  time: '2026-11-25T15:15:03.328Z',
  service: 'indexer',
  pid: 7,
  hostname: 'h',
  correlationId: 'abc',
  msg: 'stored',
});

describe('log lines of the services', () => {
  it('prefixes every line with its service, padded so messages line up', () => {
    expect(formatLogLine('api', 'plain text', 'pretty')).toBe('api             │ plain text');
    expect(formatLogLine('request-handler', 'x', 'json')).toBe('request-handler │ x');
  });

  it('shows a JSON log line as time, level, message and its own fields when pretty', () => {
    expect(formatLogLine('indexer', jsonLine, 'pretty')).toBe(
      'indexer         │ 15:15:03.328 INFO  stored {"correlationId":"abc"}',
    );
  });

  it('keeps JSON lines as they are when asked for json', () => {
    expect(formatLogLine('indexer', jsonLine, 'json')).toBe(`indexer         │ ${jsonLine}`);
  });

  it('leaves lines that only look like JSON alone', () => {
    expect(formatLogLine('api', '{not json', 'pretty')).toBe('api             │ {not json');
    expect(formatLogLine('api', '[1,2]', 'pretty')).toBe('api             │ [1,2]');
  });
});
