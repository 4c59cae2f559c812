import { DateTimeResolver, JSONResolver } from 'graphql-scalars';

/** The scalars every subgraph shares, so their definitions compose identically. */
export const scalarResolvers = { DateTime: DateTimeResolver, JSON: JSONResolver };
