import { describe, expect, it } from '@jest/globals';
import { eventsLabel, isDeliveryStatus, lastAttemptText, webhookInput } from './webhooks.js';

describe('a webhook for a person', () => {
  it('says all events when it asked for none', () => {
    expect(eventsLabel([])).toBe('all events');
    expect(eventsLabel(['MEMBER_JOINED', 'KEYS_ROTATED'])).toBe('member joined, keys rotated');
  });

  it('sends the ticked types in the API order, and no blank community', () => {
    expect(
      webhookInput({
        url: ' https://hooks.example/a ',
        events: ['KEYS_ROTATED', 'MEMBER_JOINED', 'nope'],
        communityId: ' ',
      }),
    ).toEqual({
      url: 'https://hooks.example/a',
      events: ['MEMBER_JOINED', 'KEYS_ROTATED'],
    });
    expect(webhookInput({ url: 'https://h.example', events: [], communityId: '0x02ab' })).toEqual({
      url: 'https://h.example',
      events: [],
      communityId: '0x02ab',
    });
  });

  it('knows the delivery statuses of the filter', () => {
    expect(isDeliveryStatus('DEAD_LETTERED')).toBe(true);
    expect(isDeliveryStatus('')).toBe(false);
  });
});

describe("a delivery's last attempt", () => {
  const base = {
    status: 'PENDING' as const,
    attempts: 1,
    lastStatusCode: null,
    lastError: null,
    lastLatencyMs: null,
  };

  it('is the receiver status and time when one answered', () => {
    expect(lastAttemptText({ ...base, status: 'DELIVERED', lastStatusCode: 204, lastLatencyMs: 31 })).toBe(
      'HTTP 204 in 31 ms',
    );
    expect(lastAttemptText({ ...base, lastStatusCode: 503, lastLatencyMs: 12, lastError: 'busy' })).toBe(
      'HTTP 503 in 12 ms (busy)',
    );
  });

  it('is why no answer came, or that none was tried yet', () => {
    expect(lastAttemptText({ ...base, lastError: 'ECONNREFUSED' })).toBe('no answer: ECONNREFUSED');
    expect(lastAttemptText({ ...base, attempts: 0 })).toBe('not tried yet');
    expect(lastAttemptText(base)).toBe('no answer');
  });
});
