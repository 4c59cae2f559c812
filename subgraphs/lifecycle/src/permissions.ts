import { isAuthenticated, isUser } from '../../kit/rules.ts';
import type { IRules } from '../../kit/shield.ts';

// The data map describes the schema, not anyone's data: any signed-in user or API key may read it.
// Exports are a person's request: signed-in users only; the resolvers check who may see which
// (requester, the organization's admins) and answer NOT_FOUND otherwise.
export const lifecyclePermissions: IRules = {
  Query: { dataMap: isAuthenticated, dataExport: isUser },
  Mutation: { requestDataExport: isUser },
  DataMapType: { '*': isAuthenticated },
  DataMapField: { '*': isAuthenticated },
  DataExport: { '*': isUser },
};
