/**
 * The console's refresh: the request log leaves it out, or a page left open
 * would fill the log (kept to the newest 1000 per workspace) with its own reads.
 * Recognised by its name and by asking for nothing but the log itself, so that
 * no other request can pass unrecorded by borrowing the name.
 */
import { Kind, type OperationDefinitionNode } from 'graphql';

export const consoleRefreshName = 'ConsoleRecentRequests';

export function isConsoleRefresh(operation: OperationDefinitionNode | null | undefined): boolean {
  return (
    operation?.operation === 'query' &&
    operation.name?.value === consoleRefreshName &&
    operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && selection.name.value === 'recentRequests')
  );
}
