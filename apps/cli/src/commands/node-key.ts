import { readFile } from 'node:fs/promises';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import { generateNodeKey, peerIdOfNodeKey } from '@status-communities/waku';
import { type Command, parseCommandArgs } from '../command.js';

/** The peer id of the key in a file (a gateway's WAKU_NODE_KEY_FILE), without printing the key. */
const peerIdOfFile = async (path: string) => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return fail(
      ErrorCode.BAD_USER_INPUT,
      `cannot read "${path}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  const peerId = peerIdOfNodeKey(text);
  // Never the file's content: it may be a secret with a typo.
  return peerId === undefined
    ? fail(ErrorCode.INVALID_KEY, `"${path}" does not hold a secp256k1 node key of 64 hex digits`)
    : ok({ peerId });
};

/**
 * `node-key [--file F]`: a new Waku node key for a gateway (WAKU_NODE_KEY, nwaku's --nodekey) and the peer id it
 * gives; with --file, the peer id of the key in that file.
 */
export const nodeKeyCommand: Command = async (argv) => {
  const parsed = parseCommandArgs(argv, { file: { type: 'string' } });
  if (!parsed.ok) return parsed;
  if (parsed.value.positionals.length > 0)
    return fail(ErrorCode.BAD_USER_INPUT, 'node-key takes no argument (a key to look at: --file)');
  const { file } = parsed.value.values;
  if (file !== undefined) return peerIdOfFile(file);
  const nodeKey = await generateNodeKey();
  return ok({ nodeKey, peerId: peerIdOfNodeKey(nodeKey) });
};
