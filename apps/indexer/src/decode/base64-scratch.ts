// Decodes the base64 payloads of jobs into one buffer, reused for every payload a thread opens: a payload is
// read once (decrypted into buffers of its own) and never kept, so a fresh allocation (and pool) per message
// is waste on the hot path.

export class Base64Scratch {
  private buffer = Buffer.allocUnsafeSlow(1024);

  /** The bytes of `text`, as Buffer.from(text, 'base64') gives them; valid until the next call. */
  decode(text: string): Uint8Array {
    const bound = Buffer.byteLength(text, 'base64');
    if (bound > this.buffer.length)
      this.buffer = Buffer.allocUnsafeSlow(Math.max(bound, 2 * this.buffer.length));
    return this.buffer.subarray(0, this.buffer.write(text, 'base64'));
  }
}
