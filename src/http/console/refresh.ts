/**
 * The console's refreshes: the request log leaves them out, or a page left open
 * would fill the log (kept to the newest 1000 per workspace) with its own reads.
 * Each is recognised by its name and by asking for nothing but its one field,
 * so that no other request can pass unrecorded by borrowing a name.
 */
import { Kind, type OperationDefinitionNode } from 'graphql';

/** Each refresh's operation name, and the one field it may select. */
const consoleRefreshes: ReadonlyMap<string, string> = new Map([
  ['ConsoleRecentRequests', 'recentRequests'],
  ['ConsoleWebhookDeliveries', 'webhookEndpoints'],
]);

export function isConsoleRefresh(operation: OperationDefinitionNode | null | undefined): boolean {
  const field = operation?.name && consoleRefreshes.get(operation.name.value);
  return (
    operation?.operation === 'query' &&
    field !== undefined &&
    operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && selection.name.value === field)
  );
}
