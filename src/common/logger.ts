import pino from 'pino';
import { databaseErrorIn, describeDatabaseError } from '../db/error-report';

export type Logger = pino.Logger;

/**
 * Every `err` logged goes through here: a database error (or an error wrapping one) is
 * reduced to class, SQLSTATE, constraint and the statement without its values
 * (src/db/error-report.ts), so no parameter value reaches the logs; other errors as pino
 * serializes them.
 */
export function serializeError(error: unknown): unknown {
  const database = databaseErrorIn(error);
  if (database) return describeDatabaseError(database);
  return error instanceof Error ? pino.stdSerializers.err(error) : error;
}

/** Structured JSON logs (pino). `destination`: where to write (tests capture it). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, base: { service: 'credit-hub' }, serializers: { err: serializeError } };
  return destination ? pino(options, destination) : pino(options);
}
