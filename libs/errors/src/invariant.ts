/**
 * What cannot happen when the code is right (a row our own code wrote has a value it never writes, a worker
 * started outside its thread). Not a StatusError: nobody handles it, it names a bug to fix.
 */
export class InvariantError extends Error {
  override readonly name = 'InvariantError';

  constructor(
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/**
 * Throws an InvariantError: `if (!route) bug('decoded with a key of no route', { route })`. A function
 * declaration, as TypeScript narrows after a call only to a declared `never` function.
 */
export function bug(message: string, details?: Readonly<Record<string, unknown>>): never {
  throw new InvariantError(message, details);
}
