import { z } from 'zod';
import { defaultInvitationLimits } from './invitation/invitation-limits.ts';
import { MailEnv, mailerFromEnv } from '../../runtime/mailer.ts';
import { assertNothingMissing } from '../../../platform/requirements.ts';
import { StewardRegions } from '../../../platform/regions.ts';
import type { TenancyOptions } from './options.ts';

/** The tenancy subgraph's own variables (beyond the platform's SubgraphEnv). */
export const TenancyEnv = MailEnv.extend({
  /** The front end's page that accepts an invitation; the mail then carries a link to it. */
  STEWARD_INVITE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Invitations one organization may send per hour (default 20). */
  STEWARD_INVITATIONS_PER_ORGANIZATION_PER_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .default(defaultInvitationLimits.perOrganizationPerHour),
  /** Invitations one person may send per hour, whatever the organization (default 10). */
  STEWARD_INVITATIONS_PER_INVITER_PER_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .default(defaultInvitationLimits.perInviterPerHour),
  /** The regions organizations may be created in, the home region first (platform/regions.ts). */
  STEWARD_REGIONS: StewardRegions,
});
export type TenancyEnv = z.infer<typeof TenancyEnv>;

export function tenancyOptionsFromEnv(env: TenancyEnv): TenancyOptions {
  const mail = mailerFromEnv(env);
  assertNothingMissing('tenancy', mail.missing);
  return {
    mailer: mail.mailer,
    warnings: mail.warning ? [mail.warning] : [],
    now: () => new Date(),
    inviteBaseUrl: env.STEWARD_INVITE_URL,
    invitationLimits: {
      perOrganizationPerHour: env.STEWARD_INVITATIONS_PER_ORGANIZATION_PER_HOUR,
      perInviterPerHour: env.STEWARD_INVITATIONS_PER_INVITER_PER_HOUR,
    },
    regions: env.STEWARD_REGIONS,
  };
}
