import { hexToBytes, parsePrivateKey, symKeyFor } from '@status-communities/crypto';
import { ErrorCode, type Result, fail, ok } from '@status-communities/errors';
import {
  type ApplicationMessageDecoding,
  type StatusMessageDecoding,
  decodeApplicationMessage,
  decodeStatusMessage,
  innerMessageCodecs,
} from '@status-communities/protocol';
import { type Command, parseCommandArgs, requirePositional } from '../command.js';

const options = {
  'sym-key': { type: 'string' },
  'chat-id': { type: 'string' },
  'private-key': { type: 'string' },
} as const;

type Keys = { symKey: Uint8Array } | { privateKey: Uint8Array } | undefined;

/** At most one way to open the envelope; none means the input is a bare ApplicationMetadataMessage. */
function keysFrom(values: { 'sym-key'?: string; 'chat-id'?: string; 'private-key'?: string }): Result<Keys> {
  const given = Object.keys(values).filter((name) => values[name as keyof typeof values] !== undefined);
  if (given.length > 1)
    return fail(ErrorCode.BAD_USER_INPUT, 'give one of --sym-key, --chat-id, --private-key, not several');
  if (values['sym-key'] !== undefined) {
    const symKey = hexToBytes(values['sym-key']);
    if (!symKey.ok) return symKey;
    if (symKey.value.length !== 32) return fail(ErrorCode.INVALID_KEY, '--sym-key must be 32 bytes of hex');
    return ok({ symKey: symKey.value });
  }
  if (values['chat-id'] !== undefined) return ok({ symKey: symKeyFor(values['chat-id']) });
  if (values['private-key'] !== undefined) {
    const privateKey = parsePrivateKey(values['private-key']);
    return privateKey.ok ? ok({ privateKey: privateKey.value }) : privateKey;
  }
  return ok(undefined);
}

/** `decode <hex> [--sym-key K | --chat-id C | --private-key P]` */
export const decodeCommand: Command = (argv) => {
  const parsed = parseCommandArgs(argv, options);
  if (!parsed.ok) return parsed;
  const input = requirePositional(parsed.value.positionals, 0, 'hex');
  if (!input.ok) return input;
  const bytes = hexToBytes(input.value.trim());
  if (!bytes.ok) return bytes;
  const keys = keysFrom(parsed.value.values);
  if (!keys.ok) return keys;

  const decoded =
    keys.value === undefined
      ? decodeApplicationMessage(bytes.value)
      : decodeStatusMessage(bytes.value, keys.value);
  return decoded.ok ? ok(describe(decoded.value)) : decoded;
};

/** What a person wants to see of a decoding: ids and signers first, the inner message with enum names. */
function describe(decoding: ApplicationMessageDecoding | StatusMessageDecoding): Record<string, unknown> {
  const envelope = 'envelopeSigner' in decoding ? { envelopeSigner: decoding.envelopeSigner } : {};
  if (decoding.kind === 'encrypted')
    return { kind: decoding.kind, ...envelope, layers: decoding.layers, encryption: decoding.encryption };
  if (decoding.kind === 'segment') return { kind: decoding.kind, ...envelope, segment: decoding.segment };
  const codec = innerMessageCodecs[decoding.typeName] as {
    toObject(message: unknown, options: object): unknown;
  };
  return {
    type: decoding.type,
    typeName: decoding.typeName,
    signer: decoding.signer,
    messageId: decoding.messageId,
    ...envelope,
    layers: decoding.layers,
    message: codec.toObject(decoding.message, { enums: String, longs: String }),
  };
}
