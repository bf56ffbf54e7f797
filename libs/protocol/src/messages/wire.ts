// A peek at the top-level fields of protobuf bytes, with protobuf-go's acceptance rules
// (google.golang.org/protobuf/encoding/protowire ConsumeTag, ConsumeFieldValue). The receive pipeline
// must tell a bare AMM (fields 1-3) from a SegmentMessage, a ProtocolMessage (101/102) and an SDS
// Message (20); walking tags costs nanoseconds, whereas decoding a bare AMM as each of those would
// decode its payload as strings and throw. Only the layer a byte string turns out to be is decoded.

/** protowire.MaxValidNumber */
const MAX_FIELD_NUMBER = 0x1fffffff;
const MAX_VARINT_BYTES = 10;
// Groups never occur in Status messages; a bound keeps hostile nesting cheap.
const MAX_GROUP_DEPTH = 64;

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_START_GROUP = 3;
const WIRE_END_GROUP = 4;
const WIRE_FIXED32 = 5;

/** Where a length-delimited field's value lies in the scanned bytes (`bytes.subarray(start, end)`). */
export interface FieldSpan {
  readonly start: number;
  readonly end: number;
}

/** Read position and the last varint and tag read; one per scan, so the walk allocates nothing else. */
class Cursor {
  pos = 0;
  value = 0;
  field = 0;
  wireType = 0;

  constructor(readonly bytes: Uint8Array) {}

  /** Reads a varint into `value` (exact below 2^53, which covers every length and tag that can be valid). */
  varint(): boolean {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      const byte = this.bytes[this.pos++];
      if (byte === undefined) return false;
      // The tenth byte may only carry bit 63 (protowire errCodeOverflow).
      if (i === MAX_VARINT_BYTES - 1 && byte > 1) return false;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        this.value = value;
        return true;
      }
      scale *= 128;
    }
    return false;
  }

  /** Reads a tag into `field` and `wireType`; false unless the field number is 1..2^29-1. */
  tag(): boolean {
    if (!this.varint()) return false;
    this.field = Math.floor(this.value / 8);
    this.wireType = this.value % 8;
    return this.field >= 1 && this.field <= MAX_FIELD_NUMBER;
  }

  skip(length: number): boolean {
    if (length > this.bytes.length - this.pos) return false;
    this.pos += length;
    return true;
  }
}

/** Skips one field value of the given wire type; a group is skipped up to its matching end tag. */
const skipValue = (cursor: Cursor, field: number, wireType: number, depth: number): boolean => {
  switch (wireType) {
    case WIRE_VARINT:
      return cursor.varint();
    case WIRE_FIXED64:
      return cursor.skip(8);
    case WIRE_LENGTH_DELIMITED:
      return cursor.varint() && cursor.skip(cursor.value);
    case WIRE_FIXED32:
      return cursor.skip(4);
    case WIRE_START_GROUP: {
      if (depth >= MAX_GROUP_DEPTH) return false;
      for (;;) {
        if (!cursor.tag()) return false;
        if (cursor.wireType === WIRE_END_GROUP) return cursor.field === field;
        if (!skipValue(cursor, cursor.field, cursor.wireType, depth + 1)) return false;
      }
    }
    default:
      // An end tag without a group, and wire types 6 and 7, are invalid.
      return false;
  }
};

/**
 * The last top-level occurrence of `field` carried as length-delimited (wire type 2), as protobuf-go
 * would keep it for a singular bytes/string/message field. Undefined when there is none or when the
 * bytes are not well-formed protobuf (protobuf-go's Unmarshal would fail on them).
 */
export const findLengthDelimitedField = (bytes: Uint8Array, field: number): FieldSpan | undefined => {
  const cursor = new Cursor(bytes);
  let found: FieldSpan | undefined;
  while (cursor.pos < bytes.length) {
    if (!cursor.tag()) return undefined;
    if (cursor.field === field && cursor.wireType === WIRE_LENGTH_DELIMITED) {
      if (!cursor.varint()) return undefined;
      const start = cursor.pos;
      if (!cursor.skip(cursor.value)) return undefined;
      found = { start, end: cursor.pos };
    } else if (!skipValue(cursor, cursor.field, cursor.wireType, 0)) {
      return undefined;
    }
  }
  return found;
};

/** True when the bytes are well-formed protobuf carrying `field` as length-delimited at the top level. */
export const hasLengthDelimitedField = (bytes: Uint8Array, field: number): boolean =>
  findLengthDelimitedField(bytes, field) !== undefined;
