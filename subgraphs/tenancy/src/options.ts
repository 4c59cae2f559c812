import type { InvitationLimits } from './invitation/invitation-limits.ts';
import type { Mailer } from '../../runtime/mailer.ts';

/** Everything the tenancy subgraph is configured with; built from the environment by config.ts. */
export interface TenancyOptions {
  /** Sends invitations. */
  mailer: Mailer;
  /** The clock, injectable so tests can move time (invitation expiry, contract end). */
  now: () => Date;
  /** Where an invitee accepts, e.g. `https://app.example.com/invitations`; `?token=…` is appended. */
  inviteBaseUrl?: string;
  /** Invitations (each one a mail carrying the organization's name) allowed per hour. */
  invitationLimits: InvitationLimits;
  /** Capabilities deliberately off (mail kept in the mailbox folder in production); logged at warn. */
  warnings?: string[];
  /** The regions this deployment serves, its home region first (STEWARD_REGIONS). */
  regions?: readonly string[];
}
