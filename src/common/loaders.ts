import DataLoader from 'dataloader';

/** Rows grouped by their key, in row order within each group (keys without rows are absent). */
export function groupedBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Rows grouped under each key, in key order (every key gets a list, maybe empty). */
export function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

/** The row for each key, in key order, or null. */
export function byKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): (T | null)[] {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}

/**
 * DataLoaders that also depend on field arguments (a page size, a filter): one loader per
 * distinct argument set, made on first use within the request, so parents asking with the
 * same arguments still batch into one statement.
 */
export function loaderFamily<A, V>(
  batch: (args: A, keys: readonly string[]) => Promise<V[]>,
): (args: A) => DataLoader<string, V> {
  const loaders = new Map<string, DataLoader<string, V>>();
  return (args: A) => {
    const cacheKey = JSON.stringify(args);
    let loader = loaders.get(cacheKey);
    if (!loader) {
      loader = new DataLoader<string, V>((keys) => batch(args, keys));
      loaders.set(cacheKey, loader);
    }
    return loader;
  };
}
