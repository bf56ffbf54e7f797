import type { ApiModule } from './api-module.js';
import { coreModule } from './core/core-module.js';

/**
 * Every module of the API, merged into one schema by server/start-api-server.ts. To add one: put its SDL in
 * src/schema/<name>.graphql, export an ApiModule from its folder, list it here, run `npm run codegen`.
 */
export const API_MODULES: readonly ApiModule[] = [coreModule];
