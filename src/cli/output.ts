/** What the administration commands print for scripts (`--json`). */

/** One JSON line on stdout: what `--json` promises scripts. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** One JSON line per item (JSON Lines): each can be read as soon as it arrives, and `grep` and `jq` take them as they are. */
export function printJsonLines(values: unknown[]): void {
  process.stdout.write(values.map((value) => `${JSON.stringify(value)}\n`).join(''));
}
