import { z } from 'zod';
import { badInput } from '../../../../platform/errors.ts';
import { API_KEY_SCOPES, isApiKeyScope, type ApiKeyScope } from './scopes.ts';

const KNOWN_SCOPES = Object.keys(API_KEY_SCOPES).join(', ');

/** What `createApiKey` accepts; `now` is the subgraph's clock, so an expiry must lie after it. */
export const createApiKeyInput = (now: Date) =>
  z.object({
    name: z.string().trim().min(1, 'Must not be empty').max(100, 'At most 100 characters'),
    scopes: z
      .array(z.string().refine(isApiKeyScope, { message: `Unknown scope; known scopes: ${KNOWN_SCOPES}` }))
      .min(1, 'At least one scope')
      .transform((scopes) => [...new Set(scopes)] as ApiKeyScope[]),
    expiresAt: z.coerce
      .date()
      .refine((date) => date > now, 'Must be in the future')
      .nullish()
      .transform((date) => date ?? null),
  });

export type CreateApiKeyInput = z.output<ReturnType<typeof createApiKeyInput>>;

/** Parses resolver arguments at the boundary: BAD_USER_INPUT naming the first offending field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw badInput(issue?.message ?? 'Invalid input', issue?.path.join('.') || undefined);
}
