import { isOperator } from '../../../runtime/rules.ts';
import type { IRules } from '../../../runtime/shield.ts';

export const operatorPermissions: IRules = {
  Mutation: { grantOperator: isOperator, revokeOperator: isOperator },
};
