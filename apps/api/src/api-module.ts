import type { Resolvers } from './generated/graphql.js';
import type { ApiServices } from './services.js';

/** Something a module runs beside the server (a stream reader, a delivery worker), closed on drain. */
export interface ModuleRuntime {
  close(): Promise<void>;
}

/**
 * One part of the API. Its SDL is a `*.graphql` file in src/schema (all are loaded together); its resolvers
 * are listed here and merged with every other module's in src/modules.ts. Background work starts with the
 * server and stops before the connections close.
 */
export interface ApiModule {
  readonly name: string;
  readonly resolvers: Resolvers;
  readonly start?: (services: ApiServices) => Promise<ModuleRuntime>;
}
