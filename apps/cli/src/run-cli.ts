import { ErrorCode, isStatusError } from '@status-communities/errors';
import type { Command } from './command.js';
import { decodeCommand } from './commands/decode.js';
import { devnetCommand } from './commands/devnet.js';
import { keyCommand } from './commands/key.js';
import { nodeKeyCommand } from './commands/node-key.js';
import { topicsCommand } from './commands/topics.js';
import { urlCommand } from './commands/url.js';
import { formatHuman, toPlainJson } from './output.js';

export const USAGE = `status-communities — look at the Status Communities wire

Usage:
  status-communities decode <hex> [--sym-key K | --chat-id C | --private-key P] [--json]
      A Waku payload (26/WAKU2-PAYLOAD v1) when a key is given, else a bare ApplicationMetadataMessage.
  status-communities topics <chatId> [--json]
  status-communities key new [--json]
  status-communities key serialize <0x…> [--json]
  status-communities key deserialize <zQ3…> [--json]
  status-communities node-key [--file F] [--json]
      A new Waku node key for a gateway (WAKU_NODE_KEY, nwaku's --nodekey) and its peer id; with --file, the
      peer id of the key in F (a WAKU_NODE_KEY_FILE), the key not shown.
  status-communities url decode <https://status.app/…> [--json]
  status-communities url encode community --key <0x…|zQ3…> [--display-name N] [--description D]
      [--members-count N] [--color C] [--tag-indices 1,2] [--json]
  status-communities url encode channel --key <0x…|zQ3…> --uuid U [--display-name N] [--description D]
      [--emoji E] [--color C] [--json]
  status-communities url encode user --key <0x…|zQ3…> [--display-name N] [--description D] [--color C] [--json]
  status-communities devnet [--nodes 3] [--port P] [--shards 32,64,128,256] [--json]
      A local Waku network of our own nodes on 127.0.0.1, in the foreground until Ctrl-C.

Bad input prints one line "error: CODE: message" on stderr and exits 1.`;

const commands: Record<string, Command> = {
  decode: decodeCommand,
  devnet: devnetCommand,
  topics: topicsCommand,
  key: keyCommand,
  'node-key': nodeKeyCommand,
  url: urlCommand,
};

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CliOptions {
  /** Aborted when the user wants a long-running command to stop. */
  readonly stop?: AbortSignal;
}

/** Runs one command line and returns the exit code. Never throws: a failure is one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo, options: CliOptions = {}): Promise<number> {
  const json = argv.includes('--json');
  const args = argv.filter((arg) => arg !== '--json');
  const [name, ...rest] = args;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name === undefined ? 1 : 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.err(`error: ${ErrorCode.BAD_USER_INPUT}: unknown command "${name}" (try --help)`);
    return 1;
  }
  const print = (record: Record<string, unknown>): void =>
    io.out(json ? JSON.stringify(toPlainJson(record), null, 2) : formatHuman(record));
  try {
    const result = await command(rest, { print, stop: options.stop ?? new AbortController().signal });
    if (!result.ok) {
      io.err(`error: ${result.error.code}: ${result.error.message}`);
      return 1;
    }
    print(result.value);
    return 0;
  } catch (error) {
    // A thrown error here is a bug, but the user still gets one line rather than a stack trace.
    const code = isStatusError(error) ? error.code : ErrorCode.INTERNAL;
    io.err(`error: ${code}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
