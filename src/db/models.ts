/**
 * Prisma's model API, as the project uses it outside the stores: GraphQL reads
 * (Pothos loads what a selection asks for) and tests. Both generated clients,
 * and their transaction clients, are assignable to it as they are: they come
 * from the same models, but TypeScript cannot prove one client's own type equal
 * to the other's, so the project names the part it needs.
 */
import type PrismaTypes from '../generated/pothos-types.js';
import type { Prisma } from '../generated/prisma/sqlite/client.js';

type Model = keyof PrismaTypes;
type Shape<M extends Model> = PrismaTypes[M]['Shape'];

interface FindArgs<M extends Model> {
  where?: PrismaTypes[M]['Where'];
  include?: PrismaTypes[M]['Include'] | null;
  select?: PrismaTypes[M]['Select'] | null;
  orderBy?: PrismaTypes[M]['OrderBy'] | PrismaTypes[M]['OrderBy'][];
  take?: number;
  skip?: number;
}

interface UniqueArgs<M extends Model> extends Omit<FindArgs<M>, 'where'> {
  where: PrismaTypes[M]['WhereUnique'];
}

/** One model's delegate. Results are typed as whole rows, also where a `select` narrows them. */
export interface ModelDelegate<M extends Model, Create, Update> {
  findFirst(args?: FindArgs<M>): Promise<Shape<M> | null>;
  findFirstOrThrow(args?: FindArgs<M>): Promise<Shape<M>>;
  findUnique(args: UniqueArgs<M>): Promise<Shape<M> | null>;
  findUniqueOrThrow(args: UniqueArgs<M>): Promise<Shape<M>>;
  findMany(args?: FindArgs<M>): Promise<Shape<M>[]>;
  count(args?: { where?: PrismaTypes[M]['Where'] }): Promise<number>;
  create(args: { data: Create }): Promise<Shape<M>>;
  createMany(args: { data: Create | Create[] }): Promise<{ count: number }>;
  update(args: { where: PrismaTypes[M]['WhereUnique']; data: Update }): Promise<Shape<M>>;
  updateMany(args: { where?: PrismaTypes[M]['Where']; data: Update }): Promise<{ count: number }>;
  deleteMany(args?: { where?: PrismaTypes[M]['Where'] }): Promise<{ count: number }>;
}

export interface ModelClient {
  workspace: ModelDelegate<'Workspace', Prisma.WorkspaceUncheckedCreateInput, Prisma.WorkspaceUncheckedUpdateInput>;
  apiKey: ModelDelegate<'ApiKey', Prisma.ApiKeyUncheckedCreateInput, Prisma.ApiKeyUncheckedUpdateInput>;
  requestLog: ModelDelegate<'RequestLog', Prisma.RequestLogUncheckedCreateInput, Prisma.RequestLogUncheckedUpdateInput>;
  contact: ModelDelegate<'Contact', Prisma.ContactUncheckedCreateInput, Prisma.ContactUncheckedUpdateInput>;
  webhookEndpoint: ModelDelegate<'WebhookEndpoint', Prisma.WebhookEndpointUncheckedCreateInput, Prisma.WebhookEndpointUncheckedUpdateInput>;
  webhookDelivery: ModelDelegate<'WebhookDelivery', Prisma.WebhookDeliveryUncheckedCreateInput, Prisma.WebhookDeliveryUncheckedUpdateInput>;
  contactChange: ModelDelegate<'ContactChange', Prisma.ContactChangeUncheckedCreateInput, Prisma.ContactChangeUncheckedUpdateInput>;
  client: ModelDelegate<'Client', Prisma.ClientUncheckedCreateInput, Prisma.ClientUpdateInput>;
  investmentEntity: ModelDelegate<'InvestmentEntity', Prisma.InvestmentEntityUncheckedCreateInput, Prisma.InvestmentEntityUpdateInput>;
  /** A raw query as a tagged template: its values are bound, never spliced into the SQL. */
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<number>;
  /** A raw query from a string, for statements whose text is not known until run time (tests, administration). */
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/** A whole client (not a transaction's): what Pothos loads relations through. */
export interface ConnectedModelClient extends ModelClient {
  $connect(): Promise<void>;
}
