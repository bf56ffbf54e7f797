import {
  bytesToPrefixedHex,
  compressPublicKey,
  deserializePublicKey,
  generatePrivateKey,
  parsePublicKeyHex,
  publicKeyFromPrivateKey,
  publicKeyToAddress,
  publicKeyToCompressedHex,
  publicKeyToHex,
  serializePublicKey,
} from '@status-communities/crypto';
import { type Result, ok } from '@status-communities/errors';
import { type Command, parseCommandArgs, requirePositional, subcommands } from '../command.js';

/** Every form of one public key that Status uses somewhere. */
function describePublicKey(pub: Uint8Array): Result<Record<string, unknown>> {
  const serialized = serializePublicKey(pub);
  if (!serialized.ok) return serialized;
  return ok({
    publicKey: publicKeyToHex(pub),
    compressedPublicKey: publicKeyToCompressedHex(pub),
    chatKey: serialized.value,
    address: publicKeyToAddress(pub),
  });
}

const newKey: Command = () => {
  const privateKey = generatePrivateKey();
  const described = describePublicKey(publicKeyFromPrivateKey(privateKey));
  if (!described.ok) return described;
  return ok({ privateKey: bytesToPrefixedHex(privateKey), ...described.value });
};

const serializeKey: Command = (argv) => {
  const parsed = parseCommandArgs(argv, {});
  if (!parsed.ok) return parsed;
  const text = requirePositional(parsed.value.positionals, 0, '0x… public key');
  if (!text.ok) return text;
  const pub = parsePublicKeyHex(text.value);
  if (!pub.ok) return pub;
  const compressed = compressPublicKey(pub.value);
  if (!compressed.ok) return compressed;
  return describePublicKey(compressed.value);
};

const deserializeKey: Command = (argv) => {
  const parsed = parseCommandArgs(argv, {});
  if (!parsed.ok) return parsed;
  const text = requirePositional(parsed.value.positionals, 0, 'zQ3… chat key');
  if (!text.ok) return text;
  const pub = deserializePublicKey(text.value);
  if (!pub.ok) return pub;
  return describePublicKey(pub.value);
};

/** `key new | serialize <0x…> | deserialize <zQ3…>` */
export const keyCommand = subcommands('key', {
  new: newKey,
  serialize: serializeKey,
  deserialize: deserializeKey,
});
