/** What the request log needs from persistence (implemented in src/db). */

/** Every column of an entry, in one order that the stores read and write. */
export const requestLogColumns = ['id', 'workspaceId', 'time', 'method', 'path', 'operationName', 'status', 'userAgent', 'durationMs'] as const;

export interface RequestLogRow {
  id: string;
  workspaceId: string;
  /** When the request arrived. */
  time: Date;
  method: string;
  path: string;
  /** The GraphQL operation, when the request ran one. */
  operationName: string | null;
  status: number;
  userAgent: string | null;
  durationMs: number;
}

export interface RequestLogStore {
  insert(rows: readonly RequestLogRow[]): Promise<void>;
  /** Deletes the workspace's entries beyond its newest `kept`. */
  prune(workspaceId: string, kept: number): Promise<void>;
}
