// Shared with tenancy, which binds invitations to an address compared the same way.
export { parseEmail } from '../../../../platform/email.ts';
