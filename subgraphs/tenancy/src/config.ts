import { z } from 'zod';
import { StewardRegions } from '../../../platform/regions.ts';
import { createMailer } from '../../runtime/mailer.ts';
import type { TenancyOptions } from './options.ts';

/** The tenancy subgraph's own variables (beyond the platform's SubgraphEnv). */
export const TenancyEnv = z.object({
  STEWARD_MAILBOX_DIR: z.string().default('.steward/mailbox'),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The front end's page that accepts an invitation; the mail then carries a link to it. */
  STEWARD_INVITE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The regions organizations may be created in, the home region first (platform/regions.ts). */
  STEWARD_REGIONS: StewardRegions,
});
export type TenancyEnv = z.infer<typeof TenancyEnv>;

export function tenancyOptionsFromEnv(env: TenancyEnv): TenancyOptions {
  return {
    mailer: createMailer({ smtpUrl: env.SMTP_URL, mailboxDir: env.STEWARD_MAILBOX_DIR }),
    now: () => new Date(),
    inviteBaseUrl: env.STEWARD_INVITE_URL,
    regions: env.STEWARD_REGIONS,
  };
}
