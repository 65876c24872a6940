import { DriverException } from '@mikro-orm/core';
import { DatabaseError } from 'pg';

/**
 * What may be said about a failed SQL statement. MikroORM's driver exceptions carry the
 * statement with its parameter values inlined (`insert … values ('<a reporter's contact>', …)
 * - <PostgreSQL's message>`), and PostgreSQL's own message and `detail` quote values too
 * ("Failing row contains (…)", `invalid input syntax for type integer: "…"`). None of that
 * reaches a log or a client: only the error class, SQLSTATE, the objects named, and the
 * statement with every literal replaced by `?`.
 */
export interface DatabaseErrorReport {
  type: string;
  sqlState?: string;
  constraint?: string;
  table?: string;
  column?: string;
  /** PostgreSQL's function that raised it (e.g. ExecConstraints): where, not what. */
  routine?: string;
  statement?: string;
  /** Stack frames only: the first line of a stack is the message. */
  stack?: string;
}

type Chained = { originalError?: unknown; cause?: unknown };

/** The database error an error is or wraps (GraphQL errors, causes), if any. */
export function databaseErrorIn(error: unknown): (DriverException | DatabaseError) | undefined {
  for (let current = error as Chained | undefined, depth = 0; current && depth < 6; depth += 1) {
    if (current instanceof DriverException || current instanceof DatabaseError) return current;
    current = (current.originalError ?? current.cause) as Chained | undefined;
  }
  return undefined;
}

/** Literals out of a statement: quoted strings (E'…' too) and numbers; identifiers stay. */
export function statementWithoutValues(sql: string): string {
  return sql
    .replace(/(?:\bE)?'(?:[^']|'')*'/g, '?')
    .replace(/(?<![\w"$.])-?\d+(?:\.\d+)?(?![\w"])/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function describeDatabaseError(error: DriverException | DatabaseError): DatabaseErrorReport {
  const fields = error as unknown as Record<string, unknown>;
  // A driver exception's message is "<statement with values> - <PostgreSQL's message>".
  const separator = error instanceof DriverException ? error.message.lastIndexOf(' - ') : -1;
  return {
    type: error.name,
    sqlState: text(fields.sqlState) ?? text(fields.code),
    constraint: text(fields.constraint),
    table: text(fields.table),
    column: text(fields.column),
    routine: text(fields.routine),
    statement: separator > 0 ? statementWithoutValues(error.message.slice(0, separator)) : undefined,
    stack: error.stack
      ?.split('\n')
      .filter((line) => line.trim().startsWith('at '))
      .join('\n'),
  };
}

/** The message a client gets for a database error, in every mode (never the statement). */
export function databaseErrorMessage(error: DriverException | DatabaseError): string {
  const sqlState = describeDatabaseError(error).sqlState;
  return `数据库处理出错 (database error${sqlState ? `, SQLSTATE ${sqlState}` : ''}; details are in the server log)`;
}
