import { ErrorCode, type Result, fail, ok } from '@status-communities/errors';

/** The static surface every generated message class has. */
export interface ProtoCodec<T> {
  decode(bytes: Uint8Array): T;
  encode(message: T): { finish(): Uint8Array };
  getTypeUrl(prefix?: string): string;
}

/** The fully qualified protobuf name of a generated class, e.g. "status.ChatMessage". */
export const protoName = (codec: ProtoCodec<unknown>): string => codec.getTypeUrl('');

/**
 * Decodes bytes that came from outside. protobufjs throws on truncated or malformed input; at a boundary
 * that is an expected failure, so it becomes a MALFORMED_PROTOBUF result.
 */
export function decodeProto<T>(codec: ProtoCodec<T>, bytes: Uint8Array): Result<T> {
  try {
    return ok(codec.decode(bytes));
  } catch (error) {
    const type = protoName(codec).replace(/^\//, '');
    const reason = error instanceof Error ? error.message : String(error);
    return fail(ErrorCode.MALFORMED_PROTOBUF, `not a valid ${type}: ${reason}`, { type });
  }
}

export const encodeProto = <T>(codec: ProtoCodec<T>, message: T): Uint8Array =>
  codec.encode(message).finish();
