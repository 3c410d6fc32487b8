import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * `npm run codegen` prints the Pothos schema to schema.graphql (sorted) and
 * generates typed documents from the `graphql()` calls in the tests.
 * Both outputs are committed; a test fails when either is stale.
 */
const config: CodegenConfig = {
  overwrite: true,
  // ESM output: relative imports carry their .js extension.
  emitLegacyCommonJSImports: false,
  schema: './src/schema/index.ts',
  generates: {
    'schema.graphql': {
      plugins: ['schema-ast'],
      config: { sort: true, includeDirectives: false },
    },
    'test/graphql/': {
      documents: ['test/**/*.ts', '!test/graphql/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string' },
        strictScalars: true,
      },
    },
  },
};

export default config;
