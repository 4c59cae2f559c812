import { z } from 'zod';
import { badInput } from '../../../platform/errors.ts';
import { Id } from '../../../platform/ids.ts';

/** Where an organization's data is kept when the creator names no region. */
export const DEFAULT_REGION = 'eu';

const name = z.string().trim().min(1, 'Must not be empty').max(200, 'At most 200 characters');

export const CreateOrganizationInput = z.object({
  name,
  region: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2}(-[a-z0-9]+){0,3}$/, 'A region code such as "eu" or "us-east"')
    .nullish()
    .transform((region) => region ?? DEFAULT_REGION),
});

export const CreateProjectInput = z.object({ organizationId: z.string(), name });

const userId = Id('Not a user id');
const OrganizationRole = z.enum(['ADMIN', 'MEMBER']);
const ProjectRole = z.enum(['EDITOR', 'PARTICIPANT']);

/** Normalised as identity normalises a user's email, so that the invitee's address matches. */
export const Email = z.string().trim().toLowerCase().pipe(z.email('Not a valid email address').max(254));

export const InviteMemberInput = z
  .object({
    organizationId: z.string(),
    email: Email,
    role: OrganizationRole,
    projectId: z.string().nullish(),
    projectRole: ProjectRole.nullish(),
  })
  .refine((input) => input.projectId || !input.projectRole, {
    message: 'A project role needs a project',
    path: ['projectRole'],
  })
  .transform(({ projectId, projectRole, ...input }) => ({
    ...input,
    // Invited to a project without a role: a participant.
    project: projectId ? { id: projectId, role: projectRole ?? 'PARTICIPANT' } : null,
  }));

/** The token is 43 base64url characters; anything much longer is not worth hashing. */
export const AcceptInvitationInput = z.object({
  token: z.string().trim().min(1, 'Must not be empty').max(200, 'Not an invitation token'),
});

export const MemberInput = z.object({ organizationId: z.string(), userId });

export const ChangeMemberRoleInput = MemberInput.extend({ role: OrganizationRole });

export const SetProjectRoleInput = z.object({
  projectId: z.string(),
  userId,
  role: ProjectRole.nullish().transform((role) => role ?? null),
});

export const EndContractInput = z.object({
  organizationId: z.string(),
  endsAt: z.coerce
    .date('Not a date')
    .refine((date) => date.getUTCFullYear() >= 2000 && date.getUTCFullYear() <= 9999, 'Out of range'),
});

/** Parses resolver arguments at the boundary: BAD_USER_INPUT naming the first offending field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw badInput(issue?.message ?? 'Invalid input', issue?.path.join('.') || undefined);
}
