/**
 * Prisma's model API confined to one workspace: the one place that enforces tenancy
 * for the model API (GraphQL reads load through it).
 *
 * Every operation on a workspace-owned model gets the workspace added to its
 * filter and to the rows it writes — also the rows it connects, creates or
 * changes through relations (assigning a contact to another workspace's client
 * finds no such client). A query that forgets to filter by workspace therefore
 * still cannot read, match or change another workspace's rows; a filter naming
 * another workspace matches nothing; a write naming another workspace is refused.
 * The domain functions keep their explicit workspace filters: this is the net
 * under them, not a replacement.
 *
 * Raw SQL ($queryRaw, $executeRaw) cannot be rewritten and must filter itself.
 */
/** A write that would put a row into, or move it to, another workspace: a bug, never a client's mistake. */
export class WorkspaceScopeError extends Error {
  override readonly name = 'WorkspaceScopeError';
}

type Args = Record<string, unknown>;
type Where = Record<string, unknown>;

/**
 * The models with a workspaceId, and per model its relation fields that lead to
 * another such model (a test holds this table to the data model).
 */
export const ownedRelations: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  ['ApiKey', new Map()],
  ['RequestLog', new Map()],
  ['ContactChange', new Map()],
  ['WebhookEndpoint', new Map([['deliveries', 'WebhookDelivery']])],
  ['WebhookDelivery', new Map([['endpoint', 'WebhookEndpoint']])],
  ['Contact', new Map([['clients', 'Client'], ['investmentEntities', 'InvestmentEntity']])],
  ['Client', new Map([['contacts', 'Contact']])],
  ['InvestmentEntity', new Map([['contacts', 'Contact']])],
]);

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** `where` with `field` equal to `value`; one that already names another value keeps it and so matches nothing. */
const narrowed = (where: Where, field: string, value: string): Where =>
  where[field] === undefined
    ? { ...where, [field]: value }
    : { ...where, AND: [...asList((where.AND as Where | Where[] | undefined) ?? []), { [field]: value }] };
const mapOneOrMany = <T>(value: T | T[], map: (item: T) => T): T | T[] =>
  Array.isArray(value) ? value.map(map) : map(value);

/** What a query extension's `$allOperations` is handed (a method, so that either client's narrower `query` fits). */
interface Operation {
  model?: string;
  operation: string;
  args: unknown;
  query(args: unknown): Promise<unknown>;
}

/** A Prisma query extension that confines every model operation to `workspaceId`: pass it to `$extends`. */
export function workspaceScope(workspaceId: string) {
  const within = (where: Where = {}): Where => narrowed(where, 'workspaceId', workspaceId);

  const refuseOtherWorkspace = (model: string, data: Args) => {
    if (data.workspace !== undefined || (data.workspaceId !== undefined && data.workspaceId !== workspaceId)) {
      throw new WorkspaceScopeError(`A ${model} write may not name another workspace`);
    }
  };

  /** A row to create: in the workspace, with its nested writes confined too. */
  const newRow = (model: string, data: Args): Args => {
    refuseOtherWorkspace(model, data);
    return confineRelations(model, { ...data, workspaceId });
  };

  const changes = (model: string, data: Args): Args => {
    refuseOtherWorkspace(model, data);
    return confineRelations(model, data);
  };

  /**
   * Rewrites the nested writes of `data` on relations to other workspace-owned
   * models (all of them lists: each operation names rows by a filter or unique key).
   */
  const confineRelations = (model: string, data: Args): Args => {
    const relations = ownedRelations.get(model)!;
    const confined = { ...data };
    for (const [field, target] of relations) {
      const writes = data[field] as Args | undefined;
      if (writes) confined[field] = confineNestedWrites(target, writes);
    }
    return confined;
  };

  const confineNestedWrites = (model: string, writes: Args): Args => {
    const confined: Args = {};
    for (const [operation, value] of Object.entries(writes)) {
      // A to-one disconnect or delete is `true`: it names no row of its own.
      if (typeof value === 'boolean') {
        confined[operation] = value;
        continue;
      }
      const items = value as Args | Args[];
      switch (operation) {
        case 'connect':
        case 'set':
        case 'disconnect':
        case 'delete':
        case 'deleteMany':
          confined[operation] = mapOneOrMany(items, within);
          break;
        case 'create':
          confined[operation] = mapOneOrMany(items, (item) => newRow(model, item));
          break;
        case 'createMany':
          confined[operation] = { ...items, data: asList((items as Args).data as Args[]).map((item) => newRow(model, item)) };
          break;
        case 'connectOrCreate':
          confined[operation] = mapOneOrMany(items, (item) => ({
            where: within(item.where as Where),
            create: newRow(model, item.create as Args),
          }));
          break;
        case 'update':
        case 'updateMany':
          confined[operation] = mapOneOrMany(items, (item) => ({
            where: within(item.where as Where),
            data: changes(model, item.data as Args),
          }));
          break;
        case 'upsert':
          confined[operation] = mapOneOrMany(items, (item) => ({
            where: within(item.where as Where),
            create: newRow(model, item.create as Args),
            update: changes(model, item.update as Args),
          }));
          break;
        default:
          throw new WorkspaceScopeError(`Unknown nested write ${operation} on ${model}`);
      }
    }
    return confined;
  };

  const confineOperation = (model: string, operation: string, args: Args): Args => {
    if (model === 'Workspace') return confineWorkspace(operation, args);
    if (!ownedRelations.has(model)) return args;
    switch (operation) {
      case 'create':
        return { ...args, data: newRow(model, args.data as Args) };
      case 'createMany':
      case 'createManyAndReturn':
        return { ...args, data: asList(args.data as Args | Args[]).map((row) => newRow(model, row)) };
      case 'update':
      case 'updateMany':
      case 'updateManyAndReturn':
        return { ...args, where: within(args.where as Where), data: changes(model, args.data as Args) };
      case 'upsert':
        return {
          ...args,
          where: within(args.where as Where),
          create: newRow(model, args.create as Args),
          update: changes(model, args.update as Args),
        };
      default:
        // Every read, count, aggregate and delete: only the filter matters.
        return { ...args, where: within(args.where as Where | undefined) };
    }
  };

  /** The workspace itself: readable and renameable, never created or deleted from inside it. */
  const confineWorkspace = (operation: string, args: Args): Args => {
    if (operation.startsWith('create') || operation === 'upsert' || operation.startsWith('delete')) {
      throw new WorkspaceScopeError(`${operation} of a workspace from inside a workspace`);
    }
    return { ...args, where: narrowed((args.where as Where | undefined) ?? {}, 'id', workspaceId) };
  };

  return {
    query: {
      $allModels: {
        $allOperations: ({ model, operation, args, query }: Operation) => query(confineOperation(model!, operation, args as Args)),
      },
    },
  };
}

