// Configuration for the ordinary Prisma CLI (`npx prisma migrate …`, `studio`, …)
// on machines that can download Prisma's schema engine. The schema and migrations
// folder follow DATABASE_URL, exactly as the server chooses its database.
// Offline, use the project's own commands instead (`npm run db:migrate`).
import { defineConfig } from 'prisma/config';

const url = process.env.DATABASE_URL ?? 'file:./data/contacts.db';
const provider = /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite';

export default defineConfig({
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
  datasource: { url },
});
