import { defineEntity, p } from '@mikro-orm/core';
import type { SecondFactorRequirement } from '../../../../platform/sign-in-policy.ts';
import { tenantFilter } from '../../../runtime/tenant-isolation.ts';

/** An organization's sign-in policy (row-level security: its organization's transactions only). */
const SignInPolicySchema = defineEntity({
  name: 'SignInPolicy',
  tableName: 'sign_in_policies',
  filters: tenantFilter(),
  properties: {
    organizationId: p.uuid().primary(),
    secondFactor: p.string().$type<SecondFactorRequirement>(),
    allowedMethods: p.array().$type<string[]>().nullable(),
    updatedAt: p.datetime(),
    updatedBy: p.uuid().nullable(),
  },
});

export class SignInPolicy extends SignInPolicySchema.class {}
SignInPolicySchema.setClass(SignInPolicy);
export { SignInPolicySchema };
