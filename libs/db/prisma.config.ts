import { defineConfig } from 'prisma/config';

// The schema and migrations are the repository's (../../prisma); the generated client lands in src/gen.
// Prisma 7 reads the connection URL from here, not from schema.prisma, and loads no .env file.
export default defineConfig({
  schema: '../../prisma/schema.prisma',
  migrations: { path: '../../prisma/migrations' },
  datasource: {
    url: process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/status_communities',
  },
});
