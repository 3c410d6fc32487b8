/**
 * What a request without a valid API key may do over GraphQL: read the schema
 * (introspection), which is the published contract, so that GraphiQL shows it
 * before a key is entered. Anything else is refused with a GraphQL-shaped 401
 * before Yoga goes further, whatever the request holds — even a body that is
 * not GraphQL, so that a caller without a key learns nothing but that.
 */
import { getOperationAST, Kind, parse, type DocumentNode } from 'graphql';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';

const unauthenticatedMessage =
  'A valid API key is required: send it as "Authorization: Bearer <key>" (in GraphiQL, in the Headers tab).';

const unauthenticated = () =>
  createGraphQLError(unauthenticatedMessage, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } },
  });

/**
 * Root fields that only describe the schema. `__typename` alone is not among them:
 * `{ __typename }` is how clients check their key, and must fail without one.
 */
const schemaFields = new Set(['__schema', '__type']);

/** Whether the operation the request would run is a query of schema fields only. */
function isIntrospectionOnly({ query, operationName }: GraphQLParams, maxTokens: number): boolean {
  if (typeof query !== 'string') return false;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens });
  } catch {
    return false;
  }
  const operation = getOperationAST(document, operationName);
  return (
    operation?.operation === 'query' &&
    operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && schemaFields.has(selection.name.value))
  );
}

/**
 * Lets a request that `hasKey` says carries no valid key run introspection only.
 * Wraps whichever of Yoga's request parsers matched, so refusals come before the
 * parser's own complaints (unsupported content type, malformed JSON).
 */
export function introspectionOnlyWithoutKey<TServerContext extends Record<string, any>>(
  hasKey: (serverContext: TServerContext) => boolean,
  { maxTokens }: { maxTokens: number },
): Plugin<object, TServerContext> {
  return {
    onRequestParse({ serverContext, requestParser, setRequestParser }) {
      if (hasKey(serverContext)) return;
      setRequestParser(async (request) => {
        const params = requestParser ? await Promise.resolve(request).then(requestParser).catch(() => undefined) : undefined;
        // A parser may answer with a Response or a batch: neither is a lone introspection query.
        if (!params || Array.isArray(params) || !('query' in params) || !isIntrospectionOnly(params, maxTokens)) throw unauthenticated();
        return params;
      });
    },
  };
}
