import { ErrorCode, isStatusError } from '@status-communities/errors';
import { databaseUrlFromEnv, redactDatabaseUrl } from './database-url.js';
import { createMigration, migrateDatabase } from './migrations.js';

// `npm run db:migrate` and `npm run db:migration -- <name>` at the repository root land here.
const USAGE = 'usage: migrate-cli deploy | migrate-cli dev <name>';

const run = async (args: readonly string[]): Promise<number> => {
  const [command, name, ...rest] = args;
  if (command === 'deploy' && name === undefined) {
    const url = databaseUrlFromEnv();
    const report = await migrateDatabase(url);
    const target = redactDatabaseUrl(url);
    if (report.databaseCreated) console.log(`created database ${target}`);
    if (report.applied.length === 0) console.log(`${target}: no pending migrations`);
    for (const migration of report.applied) console.log(`${target}: applied ${migration}`);
    return 0;
  }
  if (command === 'dev' && name !== undefined && rest.length === 0) {
    const created = await createMigration(name);
    console.log(created ? `created ${created.dir}` : 'no changes: schema.prisma matches the last migration');
    return 0;
  }
  console.error(USAGE);
  return 2;
};

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  console.error(isStatusError(error) ? `${error.code}: ${error.message}` : error);
  process.exitCode = isStatusError(error) && error.code === ErrorCode.BAD_USER_INPUT ? 2 : 1;
}
