/**
 * What the built command loads before it syncs: nothing of graphql-js or zod
 * (code loaded stays in memory for the whole sync), and the document it sends
 * printed at build time, as graphql-js prints it.
 */
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildOptions } from '../../scripts/build-options.mjs';
import { SyncUpsertContacts } from '../../src/sync/documents.js';

describe('the CLI bundle', () => {
  it('loads neither graphql nor zod on its entry, and carries the printed document', async () => {
    const esbuild = await import('esbuild');
    const { metafile, outputFiles } = await esbuild.build({ ...buildOptions, write: false, metafile: true });
    const outputs = metafile!.outputs;
    const entry = Object.keys(outputs).find((path) => outputs[path]!.entryPoint?.endsWith('src/cli/index.ts'))!;
    // Every file the entry imports statically, and those they import; dynamic imports run only when a command needs them.
    const loaded = new Set<string>();
    const visit = (path: string) => {
      if (loaded.has(path)) return;
      loaded.add(path);
      for (const imported of outputs[path]!.imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    };
    visit(entry);
    const inputs = [...loaded].flatMap((path) => Object.keys(outputs[path]!.inputs));
    expect(inputs.some((input) => input.includes('src/sync/sync.ts'))).toBe(true);
    expect(inputs.filter((input) => /node_modules\/(graphql|zod)\//.test(input))).toEqual([]);
    const text = [...loaded].map((path) => outputFiles!.find((file) => file.path.endsWith(path.replace(/^.*\//, '/')))!.text).join('\n');
    expect(text).toContain(JSON.stringify(print(SyncUpsertContacts)));
  });
});
