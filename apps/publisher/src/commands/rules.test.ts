import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import { bytesToBase64 } from '@status-communities/queue';
import { MAX_IMAGE_BYTES, checkIdentity, checkImages, imageFormatOf } from './rules.js';

const bytes = (hex: string, size = 16): Uint8Array => {
  const out = new Uint8Array(size);
  out.set(Buffer.from(hex, 'hex'));
  return out;
};
const WEBP = Uint8Array.from([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8 ')]);

describe('identity rules (status-go requests.CreateCommunity)', () => {
  it('reads image formats from magic bytes', () => {
    expect(imageFormatOf(bytes('89504e470d0a1a0a'))).toBe('PNG');
    expect(imageFormatOf(bytes('ffd8ffe0'))).toBe('JPEG');
    expect(imageFormatOf(bytes('47494638'))).toBe('GIF');
    expect(imageFormatOf(WEBP)).toBe('WEBP');
    expect(imageFormatOf(bytes('00'))).toBe('UNKNOWN');
    expect(imageFormatOf(new Uint8Array(0))).toBe('UNKNOWN');
  });

  it('counts lengths in UTF-8 bytes, as Go len() does', () => {
    expect(checkIdentity({ displayName: 'x'.repeat(30) }).ok).toBe(true);
    expect(checkIdentity({ displayName: 'é'.repeat(16) }).ok).toBe(false);
    expect(checkIdentity({ description: 'd'.repeat(141) }).ok).toBe(false);
    expect(checkIdentity({ outroMessage: 'o'.repeat(81) }).ok).toBe(false);
    expect(checkIdentity({ introMessage: '' }).ok).toBe(true);
    const empty = checkIdentity({ displayName: '' });
    expect(!empty.ok && empty.error.details).toEqual({ field: 'displayName' });
  });

  it("accepts only status-go's tags and names the unknown ones", () => {
    expect(checkIdentity({ tags: ['Art', 'Gaming'] }).ok).toBe(true);
    const unknown = checkIdentity({ tags: ['Art', 'Cats'] });
    expect(!unknown.ok && [unknown.error.code, unknown.error.details['unknown']]).toEqual([
      ErrorCode.BAD_USER_INPUT,
      ['Cats'],
    ]);
  });

  it('checks images: known kind, once, known format, bounded size', () => {
    const png = bytesToBase64(bytes('89504e470d0a1a0a'));
    const checked = checkImages([
      { kind: 'thumbnail', payload: png },
      { kind: 'banner', payload: bytesToBase64(WEBP) },
    ]);
    expect(checked.ok && checked.value.map((image) => [image.kind, image.format, image.source])).toEqual([
      ['thumbnail', 'PNG', 'RAW_PAYLOAD'],
      ['banner', 'WEBP', 'RAW_PAYLOAD'],
    ]);
    expect(checkImages([{ kind: 'avatar', payload: png }]).ok).toBe(false);
    expect(
      checkImages([
        { kind: 'large', payload: png },
        { kind: 'large', payload: png },
      ]).ok,
    ).toBe(false);
    expect(checkImages([{ kind: 'large', payload: bytesToBase64(bytes('00')) }]).ok).toBe(false);
    const huge = bytes('89504e470d0a1a0a', MAX_IMAGE_BYTES + 1);
    expect(checkImages([{ kind: 'large', payload: bytesToBase64(huge) }]).ok).toBe(false);
  });
});
