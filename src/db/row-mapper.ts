import { ReferenceKind, type EntityManager, type EntityMetadata, type EntityName } from '@mikro-orm/postgresql';

export type RowMapper<T> = (row: Record<string, unknown>) => T;

const cache = new WeakMap<EntityMetadata, RowMapper<object>>();

/**
 * Maps raw rows of an entity's table to instances of the entity outside the unit of work.
 * Every finder answers a read: its results are never changed and flushed, so they need no
 * identity map, change-set snapshot or propagation, and `em.map` of a few hundred rows per
 * request was a fifth of the hub's CPU in the blacklistCheck profile (docs/benchmarks.md).
 * Column → property and the custom types' conversions come from the ORM's metadata, so the
 * result is what `em.map` gives, minus the management.
 */
export function rowMapper<T extends object>(em: EntityManager, entity: EntityName<T>): RowMapper<T> {
  const meta = em.getMetadata().get(entity) as EntityMetadata<T>;
  const cached = cache.get(meta as EntityMetadata);
  if (cached) return cached as RowMapper<T>;
  const platform = em.getPlatform();
  const persisted = meta.props.filter((prop) => prop.persist !== false && prop.fieldNames?.length === 1);
  const columns = persisted
    .filter((prop) => prop.kind === ReferenceKind.SCALAR)
    .map((prop) => ({
      name: prop.name as string,
      field: prop.fieldNames[0],
      type: prop.customType,
      runtimeType: prop.runtimeType,
    }));
  // A many-to-one becomes what the ORM gives for an unloaded relation: the target with its key only.
  const references = persisted
    .filter((prop) => prop.kind === ReferenceKind.MANY_TO_ONE && prop.targetMeta?.primaryKeys.length === 1)
    .map((prop) => ({
      name: prop.name as string,
      field: prop.fieldNames[0],
      prototype: (prop.targetMeta!.class as { prototype: object }).prototype,
      key: prop.targetMeta!.primaryKeys[0] as string,
    }));
  const prototype = readOnlyPrototype(
    (meta.class as { prototype: object }).prototype,
    [...columns, ...references].map((c) => c.name),
  );
  const mapper: RowMapper<T> = (row) => {
    const entityObject: Record<string, unknown> = Object.create(prototype);
    for (const reference of references) {
      const value = row[reference.field];
      if (value === undefined) continue;
      entityObject[reference.name] =
        value === null
          ? null
          : Object.assign(Object.create(reference.prototype) as object, { [reference.key]: String(value) });
    }
    for (const { name, field, type, runtimeType } of columns) {
      const value = row[field];
      if (value === undefined) continue;
      // The same rules as the ORM's hydrator (ObjectHydrator), for scalars.
      if (value === null) entityObject[name] = null;
      else if (type) entityObject[name] = type.convertToJSValue(value, platform);
      else if (runtimeType === 'boolean') entityObject[name] = !!value;
      else if (runtimeType === 'Date') entityObject[name] = value instanceof Date ? value : new Date(value as string);
      else entityObject[name] = value;
    }
    return entityObject as T;
  };
  cache.set(meta as EntityMetadata, mapper as RowMapper<object>);
  return mapper;
}

/**
 * The ORM puts change-tracking setters for every property on the entity's prototype; an
 * assignment to an object made from it would run them and attach a unit-of-work helper.
 * A prototype in between with plain writable properties of the same names makes an
 * assignment create an own property instead, while `instanceof` the entity still holds.
 */
function readOnlyPrototype(entityPrototype: object, names: string[]): object {
  const prototype = Object.create(entityPrototype) as object;
  for (const name of names)
    Object.defineProperty(prototype, name, { value: undefined, writable: true, enumerable: false, configurable: true });
  return prototype;
}
