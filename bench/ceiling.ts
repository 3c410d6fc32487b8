/**
 * The ceiling: the least a server can do for the same requests. Plain node:http,
 * the raw driver, one `INSERT … ON CONFLICT … DO UPDATE` per contact (its batch
 * form for a batch) — no GraphQL, no ORM, no validation, no matching rules.
 *
 *   POST /single  {input}    → the stored row
 *   POST /batch   {inputs}   → { count }
 */
import { createServer, type IncomingMessage } from 'node:http';
import Database from 'better-sqlite3';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { postgresConnection } from '../src/db/postgresql/connection.js';
import { providerOf, sqlitePath } from '../src/db/provider.js';

const url = process.env.DATABASE_URL!;
const workspaceId = process.env.WORKSPACE_ID!;
const columns = ['trackingId', 'email', 'firstName', 'lastName', 'phone', 'company', 'title', 'country', 'numberAndStreet', 'city', 'state', 'zipCode', 'prefix', 'suffix', 'note'] as const;
type Input = Partial<Record<(typeof columns)[number], string>>;

const quoted = (name: string) => `"${name}"`;
const insertColumns = ['id', 'workspaceId', ...columns, 'emailKey', 'searchText', 'createdAt', 'updatedAt'];
const updates = [...columns.filter((c) => c !== 'trackingId' && c !== 'email'), 'updatedAt'].map((c) => `${quoted(c)} = excluded.${quoted(c)}`).join(', ');
const conflictTarget = (input: Input) => (input.trackingId ? '("workspaceId", "trackingId")' : '("workspaceId", "emailKey")');
const row = (input: Input, now: string | Date) => [uuidv7(), workspaceId, ...columns.map((c) => input[c] ?? null), input.email!.toLowerCase(), '', now, now];

async function body(request: IncomingMessage): Promise<{ input?: Input; inputs?: Input[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

type Handlers = { single(input: Input): Promise<unknown> | unknown; batch(inputs: Input[]): Promise<unknown> | unknown };

function sqliteHandlers(): Handlers {
  const db = new Database(sqlitePath(url));
  db.pragma('journal_mode = WAL');
  const sql = (target: string) =>
    db.prepare(`INSERT INTO "Contact" (${insertColumns.map(quoted).join(', ')}) VALUES (${insertColumns.map(() => '?').join(', ')}) ON CONFLICT ${target} DO UPDATE SET ${updates} RETURNING *`);
  const byTracking = sql('("workspaceId", "trackingId")');
  const byEmail = sql('("workspaceId", "emailKey")');
  const upsert = (input: Input, now: string) => (input.trackingId ? byTracking : byEmail).get(...row(input, now));
  const batch = db.transaction((inputs: Input[], now: string) => inputs.forEach((input) => upsert(input, now)));
  // Prisma stores SQLite DateTime as ISO text; store the same.
  return {
    single: (input) => upsert(input, new Date().toISOString()),
    batch: (inputs) => (batch(inputs, new Date().toISOString()), { count: inputs.length }),
  };
}

function postgresHandlers(): Handlers {
  const pool = new pg.Pool({ ...postgresConnection(url).config, max: 10 });
  const values = (count: number, offset = 0) => `(${Array.from({ length: count }, (_, i) => `$${offset + i + 1}`).join(', ')})`;
  return {
    async single(input) {
      const params = row(input, new Date());
      const { rows } = await pool.query(
        `INSERT INTO "Contact" (${insertColumns.map(quoted).join(', ')}) VALUES ${values(params.length)} ON CONFLICT ${conflictTarget(input)} DO UPDATE SET ${updates} RETURNING *`,
        params,
      );
      return rows[0];
    },
    async batch(inputs) {
      const now = new Date();
      const params = inputs.flatMap((input) => row(input, now));
      const tuples = inputs.map((_, i) => values(insertColumns.length, i * insertColumns.length)).join(', ');
      await pool.query(
        `INSERT INTO "Contact" (${insertColumns.map(quoted).join(', ')}) VALUES ${tuples} ON CONFLICT ("workspaceId", "trackingId") DO UPDATE SET ${updates}`,
        params,
      );
      return { count: inputs.length };
    },
  };
}

const handlers = providerOf(url) === 'sqlite' ? sqliteHandlers() : postgresHandlers();
const server = createServer(async (request, response) => {
  try {
    const { input, inputs } = await body(request);
    const result = request.url === '/batch' ? await handlers.batch(inputs!) : await handlers.single(input!);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  } catch (error) {
    response.writeHead(500).end(String(error));
  }
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ port: (server.address() as { port: number }).port }));
});
process.on('SIGTERM', () => process.exit(0));
