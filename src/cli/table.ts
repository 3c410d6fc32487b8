/** Plain-text tables for people: a header row and left-aligned columns two spaces apart. */
export function formatTable(headers: string[], rawRows: string[][]): string {
  // A tab or newline inside a name would break the columns.
  const rows = rawRows.map((row) => row.map((cell) => cell.replace(/[\u0000-\u001f\u007f]+/g, ' ')));
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
