import { ErrorCode, forbidden, stewardError } from '../../../../platform/errors.ts';
import { DEFAULT_REGIONS } from '../../../../platform/regions.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { canSeeProject, withMembership } from '../access.ts';
import { recordTenancyEvent } from '../audit.ts';
import { CreateOrganizationInput, EndContractInput, parseInput } from '../input.ts';
import { isId } from '../../../../platform/ids.ts';
import { primed } from '../loaders.ts';
import type { TenancyOptions } from '../options.ts';
import { scheduleContractDeletion, setContractEnd } from './contract.ts';
import { createOrganization, organizationsInScope } from './organization.repository.ts';
import { firstOf } from '../../../runtime/page.ts';
import { byOpenedName, openName, organizationNamePlace, organizationSubject } from '../sealed-names.ts';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/**
 * The region of a new organization: the one its creator names, which the deployment must serve,
 * or the deployment's home region. Anything else is refused, naming the regions served.
 */
function regionOf(named: string | null | undefined, input: string, regions: readonly string[]): string {
  if (named === null || named === undefined) return regions[0]!;
  if (regions.includes(input)) return input;
  throw stewardError(ErrorCode.BAD_USER_INPUT, `Region not served here; one of: ${regions.join(', ')}`, {
    field: 'region',
    allowedRegions: [...regions],
  });
}

export function createOrganizationResolvers(options: Pick<TenancyOptions, 'now' | 'regions'>): Resolvers {
  const regions = options.regions?.length ? options.regions : DEFAULT_REGIONS;
  return {
    Query: {
      organizations: async (_parent, { first }, ctx) => {
        const organizations = primed(ctx.loaders.organization, await organizationsInScope(ctx.em));
        return firstOf(await byOpenedName(ctx.sealer, organizations, organizationNamePlace), first);
      },
      // Out of scope, unknown and malformed ids all answer null: another tenant's id is never confirmed.
      organization: (_parent, { id }, ctx) => (isId(id) ? ctx.loaders.organization.load(id) : null),
    },
    Mutation: {
      createOrganization: async (_parent, args, ctx) => {
        if (ctx.principal.kind !== 'user') throw forbidden();
        const input = parseInput(CreateOrganizationInput, args);
        const organization = await createOrganization(ctx.em, ctx.tx, {
          sealName: (id) =>
            ctx.sealer.sealField(organizationSubject(id), input.name, organizationNamePlace(id)),
          region: regionOf(args.region, input.region, regions),
          creatorId: ctx.principal.userId,
        });
        // The gateway built the principal before the organization existed.
        ctx.principal = withMembership(ctx.principal, {
          organizationId: organization.id,
          role: 'ADMIN',
          projects: [],
        });
        await recordTenancyEvent(ctx, {
          action: 'tenancy.organization.created',
          organizationId: organization.id,
          target: { type: 'Organization', id: organization.id },
          metadata: { name: input.name, region: organization.region },
        });
        return organization;
      },
      endContract: async (_parent, args, ctx) => {
        const input = parseInput(EndContractInput, args);
        const { organization, previous, ended } = await setContractEnd(ctx.em, {
          ...input,
          now: options.now(),
        });
        await recordTenancyEvent(ctx, {
          action: 'tenancy.contract.changed',
          organizationId: organization.id,
          target: { type: 'Organization', id: organization.id },
          metadata: {
            contractEndsAt: iso(organization.contractEndsAt ?? null),
            status: organization.status,
            ended,
            previousContractEndsAt: iso(previous.contractEndsAt),
            previousStatus: previous.status,
          },
        });
        // The promise: deleted within 30 days of the contract's end. Lifecycle schedules (or moves)
        // the deletion now; if it cannot, the change fails with it and nothing is half done.
        await scheduleContractDeletion(ctx, organization.id, organization.contractEndsAt!);
        return organization;
      },
    },
    Organization: {
      __resolveReference: (reference, ctx) => ctx.loaders.organization.load(reference.id),
      name: (organization, _args, ctx) =>
        openName(ctx.sealer, organization.name, organizationNamePlace(organization.id)),
      members: async (organization, { first }, ctx) =>
        firstOf(await ctx.loaders.membershipsByOrganization.load(organization.id), first),
      projects: async (organization, { first }, ctx) => {
        const projects = await ctx.loaders.projectsByOrganization.load(organization.id);
        return firstOf(
          projects.filter((project) => canSeeProject(ctx.principal, project)),
          first,
        );
      },
    },
  };
}
