import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { Base64Scratch } from './base64-scratch.js';

describe('Base64Scratch', () => {
  it('decodes as Buffer.from does, for payloads shorter and longer than the one before', () => {
    const scratch = new Base64Scratch();
    for (const length of [0, 1, 2, 3, 300, 5000, 17, 70_000, 511]) {
      const bytes = randomBytes(length);
      expect(Buffer.from(scratch.decode(bytes.toString('base64')))).toEqual(bytes);
    }
  });

  it('reads unpadded, URL-safe and malformed text as Buffer.from does', () => {
    const scratch = new Base64Scratch();
    for (const text of ['AQID', 'AQI', 'AQ==', '-_8', 'AQ ID\n', '!!!!', 'A', ''])
      expect(Buffer.from(scratch.decode(text))).toEqual(Buffer.from(text, 'base64'));
  });
});
