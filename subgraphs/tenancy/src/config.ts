import { z } from 'zod';
import { MailEnv, mailerFromEnv } from '../../runtime/mailer.ts';
import { assertNothingMissing } from '../../../platform/requirements.ts';
import type { TenancyOptions } from './options.ts';

/** The tenancy subgraph's own variables (beyond the platform's SubgraphEnv). */
export const TenancyEnv = MailEnv.extend({
  /** The front end's page that accepts an invitation; the mail then carries a link to it. */
  STEWARD_INVITE_URL: z.url({ protocol: /^https?$/ }).optional(),
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
  };
}
