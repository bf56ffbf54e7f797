import type { ApiModule } from '../api-module.js';
import { BigIntScalar, DateScalar, DateTimeScalar } from './scalars.js';

/** Scalars and the trivial `ping` of both roots. */
export const coreModule: ApiModule = {
  name: 'core',
  resolvers: {
    DateTime: DateTimeScalar,
    BigInt: BigIntScalar,
    Date: DateScalar,
    Query: { ping: () => 'pong' },
    Mutation: { ping: () => 'pong' },
  },
};
