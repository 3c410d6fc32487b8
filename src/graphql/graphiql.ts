/**
 * How GraphiQL opens at GET /graphql: on the README's first operation, with the
 * Headers tab open and ready for the key.
 */
import type { GraphiQLOptions, GraphiQLRenderer } from 'graphql-yoga';
import { exampleOperation } from './example-operation.js';

/** What the Headers tab holds until the person pastes their key. */
export const headersPlaceholder = JSON.stringify({ Authorization: 'Bearer <paste your API key here>' }, null, 2);

export const graphiqlOptions: GraphiQLOptions = {
  title: 'Contacts API',
  defaultQuery: exampleOperation,
  headers: headersPlaceholder,
  defaultHeaders: headersPlaceholder,
  defaultEditorToolsVisibility: 'headers',
  // The key stays out of the browser's storage: it is pasted again after a reload.
  shouldPersistHeaders: false,
};

/**
 * The page, with GraphiQL's scripts, styles, fonts and editor workers inlined from
 * the npm package (no CDN). The package is megabytes of those assets: it is loaded
 * on the first visit, so that a server nobody opens GraphiQL on never parses or holds it.
 */
export const renderGraphiQL: GraphiQLRenderer = async (options) => {
  const { renderGraphiQL: render } = await import('@graphql-yoga/render-graphiql');
  return render(options);
};
