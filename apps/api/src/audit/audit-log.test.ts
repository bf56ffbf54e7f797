import { describe, expect, it } from '@jest/globals';
import { auditSummary } from './audit-log.js';

describe('auditSummary', () => {
  it('redacts secret fields at any depth and cuts long strings', () => {
    const summary = auditSummary({
      name: 'hook',
      secret: 'hunter2',
      nested: { privateKey: '0xabc', apiKey: 'sc_x', text: 'x'.repeat(500) },
      list: [{ password: 'p' }],
    });
    expect(summary).toEqual({
      name: 'hook',
      secret: '[redacted]',
      nested: { privateKey: '[redacted]', apiKey: '[redacted]', text: `${'x'.repeat(200)}…` },
      list: [{ password: '[redacted]' }],
    });
  });

  it('replaces what jsonb cannot hold: NUL, and a surrogate pair cut in half', () => {
    expect(auditSummary({ name: 'a\u0000b', lone: '\ud800x', text: `${'x'.repeat(199)}🎨tail` })).toEqual({
      name: 'a\ufffdb',
      lone: '\ufffdx',
      text: `${'x'.repeat(199)}\ufffd…`,
    });
  });

  it('turns GraphQL inputs (null prototypes, dates) into JSON', () => {
    const input = Object.assign(Object.create(null) as object, {
      at: new Date('2026-11-25T00:00:00Z'),
      n: 1,
    });
    expect(auditSummary(input)).toEqual({ at: '2026-11-25T00:00:00.000Z', n: 1 });
  });
});
