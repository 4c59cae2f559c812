import type { Page } from 'playwright-core';
import { SELF_SERVICE_OPERATIONS } from '../../gateway/console/src/permissions.ts';
import { OPERATIONS, type Role } from './permission-matrix/expectations.ts';

// What a console page offers (its buttons, and the organization's section links), named by the
// graph operations each one sends, held against the permission matrix's row for the role looking
// at it. An offered control this table does not know fails the check: a new page's actions must be
// named here before its walk-through passes.

/** The three roles of the matrix a person can have in the console (test/support/permission-matrix). */
export type ConsoleRole = Extract<Role, 'admin' | 'editor' | 'participant'>;

/**
 * Fields below the root that the console reads, with who may read them, as the schema documents
 * them (the matrix covers root operations only): `Organization.members` "Visible to the
 * organization's admins", `Project.members` "Visible to the organization's admins and the
 * project's editors".
 */
const FIELDS: Record<string, readonly ConsoleRole[]> = {
  'organization.members': ['admin'],
  'organization.projects': ['admin', 'editor', 'participant'],
  'project.members': ['admin', 'editor'],
};

/** A control: what it sends. `self` controls act on the person themselves (anyone signed in). */
interface Control {
  name: RegExp;
  sends: readonly string[];
  self?: true;
}

const BUTTONS: readonly Control[] = [
  { name: /^Sign out$/, sends: ['signOut'], self: true },
  { name: /^Accept invitation$/, sends: ['acceptInvitation'], self: true },
  { name: /^Create organization$/, sends: ['createOrganization'], self: true },
  { name: /^Create project$/, sends: ['createProject'] },
  { name: /^Invite$/, sends: ['inviteMember'] },
  { name: /^Change role of /, sends: ['changeMemberRole'] },
  { name: /^End all sessions( of |$)/, sends: ['revokeUserSessions'] },
  { name: /^Remove .+ from the project$/, sends: ['setProjectRole'] },
  { name: /^Remove \S+@\S+$/, sends: ['removeMember'] },
  { name: /^Change project role of /, sends: ['setProjectRole'] },
  { name: /^Add to project$/, sends: ['setProjectRole'] },
  { name: /^(Verify again)$/, sends: ['auditChain'] },
  { name: /^(Apply filters|Refresh|Next page|Previous page)$/, sends: ['auditEvents'] },
  // The gateway's export route answers what auditEvents would (test/audit-export-gateway.test.ts).
  { name: /^Download (CSV|JSON Lines)$/, sends: ['auditEvents'] },
  { name: /^Load more$/, sends: ['memberSignInAttempts'] },
  { name: /^Create key$/, sends: ['createApiKey'] },
  { name: /^Revoke (?!.*session)/, sends: ['revokeApiKey'] },
  { name: /^Request an export$/, sends: ['requestDataExport'] },
  { name: /^Schedule deletion$/, sends: ['requestDeletion'] },
  { name: /^Cancel deletion/, sends: ['cancelDeletion'] },
  { name: /^(Place|Lift) legal hold$/, sends: ['setLegalHold'] },
  { name: /^End contract$/, sends: ['endContract'] },
  { name: /^Save retention policy$/, sends: ['setRetentionPolicy'] },
  { name: /^Save policy$/, sends: ['setSignInPolicy'] },
  { name: /^Save single sign-on$/, sends: ['setOrganizationSso'] },
  { name: /^Remove single sign-on$/, sends: ['removeOrganizationSso'] },
  { name: /^Add domain$/, sends: ['addOrganizationSsoDomain'] },
  { name: /^Verify \S+$/, sends: ['verifyOrganizationSsoDomain'] },
  { name: /^Remove the domain /, sends: ['removeOrganizationSsoDomain'] },
  { name: /^Verify$/, sends: ['verifyDestructionCertificate'], self: true },
  { name: /^Download certificate$/, sends: [], self: true },
  { name: /^End session$/, sends: ['revokeSession'], self: true },
  { name: /^Export my data$/, sends: ['requestDataExport'], self: true },
  { name: /^Delete my account$/, sends: ['requestDeletion'], self: true },
  { name: /^Enrol an authenticator app$/, sends: ['startTotpEnrolment'], self: true },
  { name: /^Register a passkey$/, sends: ['startPasskeyRegistration'], self: true },
  { name: /^New recovery codes$/, sends: ['regenerateRecoveryCodes'], self: true },
  { name: /^(I have stored the secret|I have kept them)$/, sends: [], self: true },
];

/** The organization's sections, by the reads their pages make. */
const SECTIONS: readonly Control[] = [
  { name: /^(All organizations|Overview)$/, sends: ['organization'] },
  { name: /^Members$/, sends: ['organization.members'] },
  { name: /^Projects$/, sends: ['organization'] },
  { name: /^Sessions and sign-ins$/, sends: ['memberSignInAttempts'] },
  { name: /^Audit log$/, sends: ['auditEvents', 'auditChain'] },
  { name: /^API keys$/, sends: ['apiKeys'] },
  { name: /^Data$/, sends: ['requestDataExport'] },
  { name: /^Sign-in policy$/, sends: ['signInPolicy'] },
  { name: /^Single sign-on$/, sends: ['organizationSso'] },
];

/** The accessible names of the visible controls of a kind (aria-label, else the text), in one call. */
const names = (page: Page, selector: string): Promise<string[]> =>
  page.evaluate<string[]>(
    `[...document.querySelectorAll(${JSON.stringify(selector)})]
      .filter((e) => e.offsetParent !== null)
      .map((e) => (e.getAttribute('aria-label') ?? e.textContent ?? '').trim())`,
  );

/**
 * Rows whose answer to a permitted caller is NOT_FOUND only because the matrix's fixture has
 * nothing for the operation to act on (their notes say so): the permission let the caller through.
 */
const NOTHING_IN_THE_FIXTURE: Partial<Record<string, ConsoleRole>> = {
  addOrganizationSsoDomain: 'admin',
  verifyOrganizationSsoDomain: 'admin',
};

/**
 * Whether the matrix (or the documented field rule) allows `role` the operation: data came back,
 * or null or empty (the permission passed, the fixture had none).
 */
export function allowed(role: Role, operation: string): boolean {
  const field = FIELDS[operation];
  if (field) return field.some((reader) => reader === role);
  const row = OPERATIONS[operation];
  if (!row) throw new Error(`${operation} is not in the permission matrix`);
  if (NOTHING_IN_THE_FIXTURE[operation] === role) return row.expect[role] === 'NOT_FOUND';
  return ['ALLOWED', 'NULL', 'EMPTY'].includes(row.expect[role]);
}

export interface Offered {
  control: string;
  operation: string;
  allowed: boolean;
}

/**
 * Every control the page offers now, with what it sends and whether `role`'s matrix row allows
 * it. Unknown controls throw.
 */
export async function offeredActions(page: Page, role: ConsoleRole): Promise<Offered[]> {
  const offered: Offered[] = [];
  const check = (controls: readonly Control[], label: string) => {
    const control = controls.find((c) => c.name.test(label));
    if (!control)
      throw new Error(`the console offers "${label}", which test/support/console-offered.ts does not name`);
    for (const operation of control.sends) {
      if (control.self) {
        if (!SELF_SERVICE_OPERATIONS.includes(operation))
          throw new Error(`${operation} is not one of the console's self-service operations`);
        offered.push({ control: label, operation, allowed: true });
      } else offered.push({ control: label, operation, allowed: allowed(role, operation) });
    }
  };
  for (const label of await names(page, 'button')) check(BUTTONS, label);
  for (const label of await names(page, 'nav[aria-label="Organization"] a')) check(SECTIONS, label);
  return offered;
}

/** The offered controls whose operations the role's row forbids (empty when the page is right). */
export const forbiddenOffers = async (page: Page, role: ConsoleRole) =>
  (await offeredActions(page, role)).filter((o) => !o.allowed);
