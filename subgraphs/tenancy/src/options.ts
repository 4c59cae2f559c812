import type { Mailer } from '../../runtime/mailer.ts';

/** Everything the tenancy subgraph is configured with; built from the environment by config.ts. */
export interface TenancyOptions {
  /** Sends invitations. */
  mailer: Mailer;
  /** The clock, injectable so tests can move time (invitation expiry, contract end). */
  now: () => Date;
  /** Where an invitee accepts, e.g. `https://app.example.com/invitations`; `?token=…` is appended. */
  inviteBaseUrl?: string;
  /** The regions this deployment serves, its home region first (STEWARD_REGIONS). */
  regions?: readonly string[];
}
