import { Migration20261208010000 } from './migrations/Migration20261208010000.ts';

/** The key store's migrations, applied as steward_keys_owner before the subgraphs' (scripts/lib/stack.ts). */
export const keyStoreMigrations = [Migration20261208010000];
