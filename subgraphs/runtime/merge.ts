type FieldMap = Record<string, unknown>;

/**
 * Merges per-domain maps (resolvers or shield rules) type by type, so that each domain folder
 * keeps its own. Two domains defining the same field is a bug, and throws.
 */
export function mergeTypeMaps<T extends object>(...maps: T[]): T {
  const merged: Record<string, FieldMap> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map as Record<string, FieldMap>)) {
      if (typeof fields !== 'object' || fields === null || isScalar(fields)) {
        if (type in merged) throw new Error(`${type} is defined twice`);
        merged[type] = fields;
        continue;
      }
      const target = (merged[type] ??= {});
      for (const [field, value] of Object.entries(fields)) {
        if (field in target) throw new Error(`${type}.${field} is defined twice`);
        target[field] = value;
      }
    }
  }
  return merged as T;
}

const isScalar = (value: object) => value.constructor?.name === 'GraphQLScalarType';
