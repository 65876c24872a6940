/**
 * A statement's text parameters bound instead of inlined, and the statements sent often prepared once per connection
 * (`pg` named statements): PostgreSQL then parses and plans them once, not per request (creditStatus's two statements
 * spent more of PostgreSQL's time planning than executing: docs/benchmarks.md, "creditStatus: request path").
 *
 * Only string values are bound: an inlined string literal is of unknown type until its context resolves it, exactly as
 * an untyped parameter is, so the statement means the same; where a parameter's type cannot be resolved from its
 * context (`? IS NULL`), PostgreSQL refuses it while parsing, before anything runs (executeDirect then sends the
 * inlined text). Numbers, booleans, nulls, dates, buffers and arrays stay inlined as MikroORM writes them (an inlined
 * number is typed; an array expands to a list).
 */
export interface BoundStatement {
  text: string;
  values: string[];
}

/** `sql` with its `?` placeholders as MikroORM's formatQuery reads them: undefined when it has `??` or `\?`. */
export function boundStatement(
  sql: string,
  params: readonly unknown[],
  inline: (value: unknown) => string,
): BoundStatement | undefined {
  if (sql.includes('??') || sql.includes('\\?')) return undefined;
  const values: string[] = [];
  let text = '';
  let from = 0;
  let used = 0;
  for (let at = sql.indexOf('?'); at !== -1; at = sql.indexOf('?', at + 1)) {
    if (used === params.length) return undefined;
    const value = params[used++];
    text += sql.slice(from, at);
    if (typeof value === 'string') {
      values.push(value);
      text += `$${values.length}`;
    } else text += inline(value);
    from = at + 1;
  }
  if (used !== params.length || values.length === 0) return undefined;
  return { text: text + sql.slice(from), values };
}

/** At most this many statement texts are prepared (per connection of the pool), the first to be sent twice. */
export const PREPARED_LIMIT = 256;
/** Longer texts are bound but not prepared (a batch insert's, whose length follows its rows). */
const PREPARED_MAX_LENGTH = 16_384;
const SEEN_LIMIT = 4096;

/**
 * The names of the prepared statements, by text: a text gets one the second time it is sent (a text sent once, with a
 * value inlined that varies per request, is not worth a slot), while fewer than PREPARED_LIMIT have one.
 */
export class PreparedNames {
  private readonly names = new Map<string, string>();
  private readonly seen = new Set<string>();
  private readonly refused = new Set<string>();
  private readonly inlineOnly = new Set<string>();
  private given = 0;

  nameFor(text: string): string | undefined {
    const name = this.names.get(text);
    if (name !== undefined || this.names.size >= PREPARED_LIMIT || text.length > PREPARED_MAX_LENGTH) return name;
    if (this.refused.has(text)) return undefined;
    if (!this.seen.has(text)) {
      if (this.seen.size >= SEEN_LIMIT) this.seen.clear();
      this.seen.add(text);
      return undefined;
    }
    this.seen.delete(text);
    const next = `hub_${++this.given}`;
    this.names.set(text, next);
    return next;
  }

  /** Whether the text is sent bound (not refused bound before). */
  binds(text: string): boolean {
    return !this.inlineOnly.has(text);
  }

  /**
   * A text PostgreSQL would not take bound, or no longer takes prepared (a table it reads changed shape): `stale`, sent
   * bound but unprepared from now on; else inlined from now on.
   */
  refuse(text: string, stale: boolean): void {
    if (this.refused.size >= SEEN_LIMIT) this.refused.clear();
    if (this.names.delete(text) || stale) this.refused.add(text);
    if (stale) return;
    if (this.inlineOnly.size >= SEEN_LIMIT) this.inlineOnly.clear();
    this.inlineOnly.add(text);
  }
}
