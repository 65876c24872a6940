import fs from 'node:fs';
import type { z } from 'zod';

/**
 * The configuration files the hub validates at start-up (credit policy, evaluation, list rules, interception policy)
 * are read and checked one way: a file that cannot be read or parsed, or breaks its schema, stops start-up with the
 * file's name and every problem at its path.
 */

/** `value` checked against `schema`; every problem listed with its path under `source` (the file). */
export function parseConfig<S extends z.ZodTypeAny>(schema: S, value: unknown, source: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('\n');
    throw new Error(`${source} is invalid:\n${problems}`);
  }
  return parsed.data;
}

/** The JSON of `file`; `what` names the setting in the error ("cannot read credit policy <file>: …"). */
export function readJsonConfig(file: string, what: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${what} ${file}: ${(error as Error).message}`, { cause: error });
  }
}
