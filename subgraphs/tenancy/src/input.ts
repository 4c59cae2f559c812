import { z } from 'zod';
import { badInput } from '../../kit/errors.ts';

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

/** Ids are uuids; anything else names no row, and must not reach a uuid column as a driver error. */
export const isId = (value: string) => z.guid().safeParse(value).success;

/** Parses resolver arguments at the boundary: BAD_USER_INPUT naming the first offending field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw badInput(issue?.message ?? 'Invalid input', issue?.path.join('.') || undefined);
}
