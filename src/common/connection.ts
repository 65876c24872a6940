import { ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { InputError } from './errors';
import { isId } from './ids';
import { bilingual } from './language';

/** Relay cursor connections (the client contract): keyset pagination on a bigint id. */
@ObjectType('PageInfo', { description: 'Relay page information.' })
@Directive('@shareable')
export class PageInfo {
  @Field({ description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item on this page.' })
  endCursor!: string | null;
}

export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  /** Computed only when the client asks for totalCount. */
  totalCount: () => Promise<number>;
  cursorOf: (node: T) => string;
}

export function encodeCursor(id: string): string {
  return Buffer.from(`c:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | undefined {
  if (!cursor) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.slice(2);
  if (!text.startsWith('c:') || !isId(id))
    throw new InputError(bilingual('游标无效', 'Invalid cursor'), { field: 'after' });
  return id;
}

export const MAX_PAGE_SIZE = 200;

export function pageSize(first: number | null | undefined, fallback = 50): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new InputError(
      bilingual(`first 应在 0 至 ${MAX_PAGE_SIZE} 之间`, `first must be between 0 and ${MAX_PAGE_SIZE}`),
      {
        field: 'first',
      },
    );
  }
  return size;
}

/** Builds a `<Name>Connection` and `<Name>Edge` pair for a node type. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `An edge of a ${name} connection.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this item.' })
    cursor!: string;

    @Field(() => nodeType, { description: 'The item.' })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionType {
    @Field(() => [Edge], { description: 'The items of this page.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page is.' })
    pageInfo!: PageInfo;

    page!: Page<T>;

    @Field(() => Int, { description: 'Number of items matching the filter, across all pages.' })
    totalCount(): Promise<number> {
      return this.page.totalCount();
    }
  }

  return { Edge, ConnectionType };
}

export function toConnection<T, C extends { edges: unknown; pageInfo: PageInfo; page: Page<T> }>(
  ConnectionClass: new () => C,
  page: Page<T>,
): C {
  const connection = new ConnectionClass();
  connection.edges = page.nodes.map((node) => ({ cursor: page.cursorOf(node), node })) as C['edges'];
  const last = page.nodes[page.nodes.length - 1];
  connection.pageInfo = { hasNextPage: page.hasNextPage, endCursor: last ? page.cursorOf(last) : null };
  connection.page = page;
  return connection;
}
