/** Bytes → the base64 text job payloads carry (see Base64Schema). */
export const bytesToBase64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** Base64 text of a validated job payload → bytes. */
export const base64ToBytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
