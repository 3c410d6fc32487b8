import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * `npm run codegen` prints the Pothos schema to schema.graphql (sorted) and
 * generates typed documents from the `graphql()` calls of the sync client and
 * of the tests. All outputs are committed; the tests fail when schema.graphql
 * is stale, and the type check when a document is.
 */
const typedDocuments = {
  preset: 'client',
  presetConfig: { fragmentMasking: false },
  config: {
    useTypeImports: true,
    enumsAsTypes: true,
    scalars: { DateTime: 'string' },
    strictScalars: true,
  },
} as const;

const config: CodegenConfig = {
  overwrite: true,
  // ESM output: relative imports carry their .js extension.
  emitLegacyCommonJSImports: false,
  schema: './src/graphql/schema/index.ts',
  generates: {
    'schema.graphql': {
      plugins: ['schema-ast'],
      config: { sort: true, includeDirectives: false },
    },
    'src/sync/graphql/': { documents: ['src/sync/**/*.ts', '!src/sync/graphql/**'], ...typedDocuments },
    'test/graphql/': { documents: ['test/**/*.ts', '!test/graphql/**'], ...typedDocuments },
  },
};

export default config;
