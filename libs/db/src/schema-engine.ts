import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import type pg from 'pg';
import { ErrorCode, StatusError } from '@status-communities/errors';

// Prisma's CLI needs a native schema engine that cannot be downloaded on these machines, so migrations run
// through the WASM build of the same engine. Its package entry imports the .wasm as an ES module, which
// Node does not support, so the bindings are wired to the instantiated module by hand.

// The workspace compiles without DOM types, which is where TypeScript declares WebAssembly; Node has it.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

// The engine races its work against timeouts (e.g. 10 s for a lock) and never clears them; unref'd, they no
// longer keep a finished process alive.
const withUnrefTimers = (): Record<string, unknown> => {
  const imports: Record<string, unknown> = { ...wasmBindings };
  for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
  }
  return imports;
};

let instantiated: Promise<void> | undefined;

const instantiate = async (): Promise<void> => {
  const bindingsPath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = await readFile(bindingsPath.replace(/\.js$/, '.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers() });
  wasmBindings.__wbg_set_wasm(instance.exports);
  (instance.exports['__wbindgen_start'] as () => void)();
};

const messageOf = (error: unknown): string => {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
};

/**
 * Runs `use` with a schema engine talking to PostgreSQL through `pool` (the caller owns the pool).
 * `schema` is the Prisma schema the engine reasons about, when the operation needs one.
 */
export const withSchemaEngine = async <T>(
  pool: pg.Pool,
  schema: string | undefined,
  use: (engine: SchemaEngine) => Promise<T>,
): Promise<T> => {
  instantiated ??= instantiate();
  await instantiated;
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  const datamodels: [string, string][] | undefined =
    schema === undefined ? undefined : [['schema.prisma', schema]];
  let engine: SchemaEngine | undefined;
  try {
    engine = await wasmBindings.SchemaEngine.new({ datamodels }, () => undefined, adapter);
    return await use(engine);
  } catch (error) {
    if (error instanceof StatusError) throw error;
    throw new StatusError(ErrorCode.INTERNAL, `schema engine: ${messageOf(error)}`, {}, { cause: error });
  } finally {
    engine?.free();
  }
};
