import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** src/schema when running from source, dist/schema (copied by the build) when running the build. */
export const SCHEMA_DIR = join(import.meta.dirname, '..', 'schema');

/** Every `*.graphql` file of the schema folder, in name order: together they are the schema. */
export const loadTypeDefs = (dir: string = SCHEMA_DIR): string[] =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(dir, file), 'utf8'));
