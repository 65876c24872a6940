import type { OperationResult, TestHub } from '../helpers/test-hub';

/** Id of a demo record by its pushing system's external id. */
export async function recordId(t: TestHub, externalId: string): Promise<string> {
  return (await t.sql('SELECT id::text FROM records.credit_record WHERE external_id = ?', [externalId]))[0].id;
}

/** The first error's extensions (code, state, field …), for assertions. */
export function firstError(result: OperationResult): Record<string, unknown> | undefined {
  return result.errors?.[0]?.extensions as Record<string, unknown> | undefined;
}

export function errorPaths(result: OperationResult): (string | number)[][] {
  return (result.errors ?? []).map((e) => [...(e.path ?? [])]);
}
