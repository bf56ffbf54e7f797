import type { ApiModule } from '../api-module.js';
import { resolveNode } from './node-resolver.js';
import { BigIntScalar, DateScalar, DateTimeScalar } from './scalars.js';

/** Scalars, `node(id:)` and the trivial `ping` of both roots. */
export const coreModule: ApiModule = {
  name: 'core',
  resolvers: {
    DateTime: DateTimeScalar,
    BigInt: BigIntScalar,
    Date: DateScalar,
    Query: { ping: () => 'pong', node: (_parent, { id }, context) => resolveNode(id, context) as never },
    Mutation: { ping: () => 'pong' },
  },
};
