/**
 * How GraphiQL opens at GET /graphql: on the README's first operation, with the
 * Headers tab open and ready for the key.
 */
import type { GraphiQLOptions } from 'graphql-yoga';
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
