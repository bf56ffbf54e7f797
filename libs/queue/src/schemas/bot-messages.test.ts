import { describe, expect, it } from '@jest/globals';
import { BotMessageCommandSchema, CreateIdentityCommandSchema } from '../index.js';

const create = {
  type: 'identity.create',
  correlationId: 'c-1',
  actor: 'api-key:1',
  tenantId: '019abc12-3456-7def-8abc-123456789abc',
  displayName: 'Helper Bot',
};

describe('identity.create', () => {
  it('is a bot.messages command with a wallet unless asked otherwise', () => {
    expect(BotMessageCommandSchema.parse(create)).toEqual({ ...create, withWallet: true });
    expect(BotMessageCommandSchema.parse({ ...create, withWallet: false })).toMatchObject({
      withWallet: false,
    });
  });

  it.each([
    ['too short', 'Bot'],
    ['too long', 'b'.repeat(25)],
    ['a character Status refuses', 'Helper Bot!'],
    ['a space receivers would trim', ' Helper Bot'],
    ['an ENS-looking suffix', 'helper-eth'],
  ])('refuses a display name with %s (receivers would drop its messages)', (_reason, displayName) => {
    const parsed = CreateIdentityCommandSchema.safeParse({ ...create, displayName });
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['displayName']);
  });

  it('names the tenant by its uuid', () => {
    const parsed = CreateIdentityCommandSchema.safeParse({ ...create, tenantId: 'acme' });
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['tenantId']);
  });
});
