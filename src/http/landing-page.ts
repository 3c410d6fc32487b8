/**
 * GET /: where a person who opens the server's address in a browser learns
 * where to go. A static page with nothing loaded from elsewhere.
 */
const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Contacts API</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #222; }
      code { background: #f3f3f3; padding: 0 0.2em; }
    </style>
  </head>
  <body>
    <h1>Contacts API</h1>
    <ul>
      <li><a href="/graphql">GraphiQL</a>: explore the schema and run operations; paste your API key into its Headers tab.</li>
      <li><a href="/console">Console</a>: your workspace's recent requests, once you enter your API key.</li>
      <li>Docs: the project's <code>README.md</code> and <code>docs/</code>; the schema is browsable in GraphiQL's documentation explorer.</li>
    </ul>
    <p>
      Clients send <code>POST /graphql</code>, or the REST route <code>POST /api/v1/idm/contacts/upsert</code>,
      with <code>Authorization: Bearer &lt;api key&gt;</code>.
    </p>
  </body>
</html>
`;

/** Nothing on the page runs or loads; its only style is inline. */
const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";

export function landingPage(): Response {
  return new Response(page, {
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': contentSecurityPolicy },
  });
}
