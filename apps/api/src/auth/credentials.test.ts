import { describe, expect, it } from '@jest/globals';
import { apiKeyPrefix, hashApiKey, newApiKeySecret } from './api-key-secret.js';
import { credentialsOf } from './credentials.js';

describe('API key secrets', () => {
  it('are new each time, carry their prefix and hash to 32 bytes', () => {
    const a = newApiKeySecret();
    const b = newApiKeySecret();
    expect(a.secret).not.toBe(b.secret);
    expect(apiKeyPrefix(a.secret)).toBe(a.prefix);
    expect(Buffer.from(hashApiKey(a.secret))).toEqual(Buffer.from(a.hash));
    expect(a.hash).toHaveLength(32);
    expect(apiKeyPrefix('sc_short_x')).toBeNull();
  });
});

describe('credentialsOf', () => {
  it('reads a bearer token, else an API key header or parameter', () => {
    expect(credentialsOf('Bearer abc', undefined)).toBe('abc');
    expect(credentialsOf('bearer  abc ', undefined)).toBe('abc');
    expect(credentialsOf('Basic abc', 'k')).toBeNull();
    expect(credentialsOf(undefined, 'k')).toBe('k');
    expect(credentialsOf(undefined, undefined)).toBeNull();
  });
});
