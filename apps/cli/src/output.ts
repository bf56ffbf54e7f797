/**
 * Turns decoded protobufs and library results into JSON people can read: bytes as 0x-hex, 64-bit
 * integers (Long, bigint) as decimal strings, everything else as is.
 */
export function toPlainJson(value: unknown): unknown {
  if (value instanceof Uint8Array)
    return '0x' + Buffer.from(value.buffer, value.byteOffset, value.length).toString('hex');
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (isLong(value)) return String(value);
  if (Array.isArray(value)) return value.map(toPlainJson);
  const plain: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || key.startsWith('$')) continue;
    plain[key] = toPlainJson(field);
  }
  return plain;
}

// Long (protobufjs 64-bit integers): recognised by shape, since it may come from another copy of the package.
const isLong = (value: object): boolean => 'low' in value && 'high' in value && 'unsigned' in value;

/** Human output: one `key: value` line per top-level field, nested values as compact JSON. */
export function formatHuman(result: Record<string, unknown>): string {
  const plain = toPlainJson(result) as Record<string, unknown>;
  return Object.entries(plain)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}`)
    .join('\n');
}
