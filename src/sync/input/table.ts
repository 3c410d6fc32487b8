/** A row of a CSV file or a worksheet, before its cells are read as contact fields. */
export type TableRow =
  /** `line`: the row's first physical line in the file (1-based), or its row number in the sheet. */
  | { line: number; cells: string[] }
  | { line: number; problem: string; raw: unknown };
