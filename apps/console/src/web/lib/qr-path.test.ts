import { describe, expect, it } from '@jest/globals';
import { encode } from 'uqr';
import { qrPath, qrSide } from './qr-path.js';

describe('the share URL as a QR code', () => {
  it('draws one square per dark module, inside the quiet zone', () => {
    expect(
      qrPath([
        [true, false],
        [false, true],
      ]),
    ).toBe('M4 4h1v1h-1zM5 5h1v1h-1z');
    expect(qrSide([[], []])).toBe(10);
  });

  it('encodes a status.app share URL into a square matrix with as many squares as dark modules', () => {
    const { data, size } = encode(
      'https://status.app/c/G00AAGS8l6TYo8zJCxyBJIw#zQ3shYSHp7GoiXaauJMnDcjwU2yNjdzpXLosAWapPS4CFxc11',
    );
    expect(data).toHaveLength(size);
    expect(size).toBeGreaterThanOrEqual(21);
    const dark = data.flat().filter(Boolean).length;
    expect(qrPath(data).split('z').length - 1).toBe(dark);
  });
});
