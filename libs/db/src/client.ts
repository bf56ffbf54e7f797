import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { PrismaClient } from './gen/prisma/client.js';

export type PoolOptions = Omit<pg.PoolConfig, 'connectionString'>;

/** A Prisma client on the pg driver adapter (Prisma 7 has no built-in engine connection). */
export const createPrismaClient = (databaseUrl: string, pool: PoolOptions = {}): PrismaClient =>
  new PrismaClient({ adapter: new PrismaPg({ ...pool, connectionString: databaseUrl }) });
