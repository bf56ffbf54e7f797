import { describe, expect, it } from '@jest/globals';
import { nextContactState } from './contact-state.js';

describe('nextContactState', () => {
  it('is mutual once both sides added each other, in either order', () => {
    expect(nextContactState(nextContactState('NONE', 'we-requested'), 'added-us')).toBe('MUTUAL');
    expect(nextContactState(nextContactState('NONE', 'they-requested'), 'we-accepted')).toBe('MUTUAL');
    expect(nextContactState(nextContactState('NONE', 'they-requested'), 'we-requested')).toBe('MUTUAL');
  });

  it('keeps a one-sided request one-sided and undoes it when the peer removes us', () => {
    expect(nextContactState('NONE', 'we-requested')).toBe('SENT');
    expect(nextContactState('NONE', 'they-requested')).toBe('RECEIVED');
    expect(nextContactState('MUTUAL', 'removed-us')).toBe('SENT');
    expect(nextContactState('RECEIVED', 'removed-us')).toBe('NONE');
    expect(nextContactState('DISMISSED', 'removed-us')).toBe('DISMISSED');
  });
});
