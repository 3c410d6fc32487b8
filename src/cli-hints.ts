/** What the server and the CLI tell a person to type: the package's command, as npm exec finds it. */
export const cliCommand = 'npx contacts-api';

/** One sentence for a database that has no workspace yet. */
export const noWorkspaceHint = `No workspace yet. Create one with: ${cliCommand} workspace create "My workspace"`;
