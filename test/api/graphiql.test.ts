/** The GraphiQL page as served: all of it from the server, opening on the README's operation with the key's placeholder. */
import { expect, it } from 'vitest';
import { exampleOperation } from '../../src/graphql/example-operation.js';
import { headersPlaceholder } from '../../src/graphql/graphiql.js';
import { useTestApp } from '../support/app.js';

const t = useTestApp();

it('references nothing outside the server, and opens on the example with the Headers tab ready', async () => {
  const response = await t.app.request('/graphql', { headers: { accept: 'text/html' } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await response.text();
  // Scripts, styles, icons and workers are inline or data:/blob: URLs; an external one would be an attribute or a CSS url().
  expect(html).not.toMatch(/<(script|link|img|iframe)[^>]*\s(src|href)=["']?(https?:)?\/\//i);
  expect(html).not.toMatch(/url\(["']?(https?:)?\/\//i);
  expect(html).not.toMatch(/@import/);
  expect(html).toContain(JSON.stringify(exampleOperation).slice(1, -1));
  expect(html).toContain(JSON.stringify(headersPlaceholder).slice(1, -1));
});
