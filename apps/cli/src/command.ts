import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ErrorCode, type Result, fail, ok } from '@status-communities/errors';

/** What a long-running subcommand needs besides its arguments: a way to print early, and when to stop. */
export interface CommandContext {
  /** Prints a record now, in the output format the user chose. */
  print(record: Record<string, unknown>): void;
  /** Aborted on Ctrl-C / SIGTERM. */
  readonly stop: AbortSignal;
}

/** Every subcommand: argv after its name in, a printable record or a typed error out. */
export type Command = (
  argv: readonly string[],
  context: CommandContext,
) => Result<Record<string, unknown>> | Promise<Result<Record<string, unknown>>>;

export type ParsedArgs<O extends NonNullable<ParseArgsConfig['options']>> = {
  values: { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };
  positionals: string[];
};

/** node:util parseArgs, with its exceptions for unknown or malformed options turned into BAD_USER_INPUT. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: O,
): Result<ParsedArgs<O>> {
  try {
    const parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return ok(parsed as unknown as ParsedArgs<O>);
  } catch (error) {
    return fail(ErrorCode.BAD_USER_INPUT, error instanceof Error ? error.message : String(error));
  }
}

export function requirePositional(
  positionals: readonly string[],
  index: number,
  name: string,
): Result<string> {
  const value = positionals[index];
  return value === undefined || value === ''
    ? fail(ErrorCode.BAD_USER_INPUT, `missing <${name}>`)
    : ok(value);
}

/** A command made of named subcommands, `<group> <name> …`; names are own keys only (no `toString`). */
export const subcommands =
  (group: string, table: Readonly<Record<string, Command>>): Command =>
  (argv, context) => {
    const [name, ...rest] = argv;
    const subcommand = name !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
    return subcommand
      ? subcommand(rest, context)
      : fail(ErrorCode.BAD_USER_INPUT, `${group} needs one of: ${Object.keys(table).join(', ')}`);
  };
