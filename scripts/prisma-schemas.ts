/**
 * Renders prisma/models.prisma (the one data model) into one Prisma schema per
 * database provider. Prisma needs the provider as a literal in the schema, and a
 * generated client only runs on its own provider, so each database gets its own
 * schema file, client and migrations folder — all derived from the same models.
 *
 *   tsx scripts/prisma-schemas.ts          write prisma/<provider>/schema.prisma
 *   tsx scripts/prisma-schemas.ts --check  exit 1 if a written file is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const providers = ['sqlite', 'postgresql'] as const;
export type Provider = (typeof providers)[number];

const prismaDir = fileURLToPath(new URL('../prisma/', import.meta.url));

export function schemaPath(provider: Provider): string {
  return `${prismaDir}${provider}/schema.prisma`;
}

/** Only the SQLite client feeds Pothos its types: the models are identical. */
const pothosGenerator = `
generator pothos {
  provider          = "prisma-pothos-types"
  clientOutput      = "./prisma/sqlite/client.js"
  output            = "../../src/generated/pothos-types.ts"
  generateDatamodel = "true"
}
`;

export function renderSchema(provider: Provider): string {
  const models = readFileSync(`${prismaDir}models.prisma`, 'utf8');
  return `// GENERATED from prisma/models.prisma by scripts/prisma-schemas.ts. Do not edit:
// change prisma/models.prisma and run \`npm run prisma:schemas\`.

datasource db {
  provider = "${provider}"
}

generator client {
  provider            = "prisma-client"
  output              = "../../src/generated/prisma/${provider}"
  runtime             = "nodejs"
  moduleFormat        = "esm"
  importFileExtension = "js"
}
${provider === 'sqlite' ? pothosGenerator : ''}
${models}`;
}

function main(check: boolean): void {
  let stale = false;
  for (const provider of providers) {
    const path = schemaPath(provider);
    const rendered = renderSchema(provider);
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // not written yet
    }
    if (current === rendered) continue;
    if (check) {
      console.error(`${path} is stale: run npm run prisma:schemas`);
      stale = true;
    } else {
      writeFileSync(path, rendered);
      console.log(`wrote ${path}`);
    }
  }
  if (stale) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.includes('--check'));
}
