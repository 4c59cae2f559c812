import { isAuthenticated } from '../../kit/rules.ts';
import type { IRules } from '../../kit/shield.ts';

// The data map describes the schema, not anyone's data: any signed-in user or API key may read it.
export const lifecyclePermissions: IRules = {
  Query: { dataMap: isAuthenticated },
  DataMapType: { '*': isAuthenticated },
  DataMapField: { '*': isAuthenticated },
};
