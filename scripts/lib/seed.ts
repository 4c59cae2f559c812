import type { EntityManager } from '@mikro-orm/postgresql';
import { rolesOf, urlForRole } from '../../platform/database.ts';
import { initOrm, runInScope, type TenantScope } from '../../subgraphs/runtime/orm.ts';
import type { DatabaseAccess, SubgraphModule } from '../../subgraphs/runtime/subgraph-module.ts';
import type { RequestTransaction } from '../../subgraphs/runtime/orm.ts';
import { findOrCreateUser } from '../../subgraphs/identity/src/user/user.repository.ts';
import { identityEntities, identityMigrations } from '../../subgraphs/identity/src/module.ts';
import { tenancyEntities, tenancyMigrations } from '../../subgraphs/tenancy/src/module.ts';
import { auditEntities, auditMigrations } from '../../subgraphs/audit/src/module.ts';
import { createOrganization } from '../../subgraphs/tenancy/src/organization/organization.repository.ts';
import { createProject } from '../../subgraphs/tenancy/src/project/project.repository.ts';
import {
  addMember,
  principalMembershipsOf,
} from '../../subgraphs/tenancy/src/membership/membership.repository.ts';
import { setProjectRole } from '../../subgraphs/tenancy/src/membership/project-membership.repository.ts';
import { appendAuditEvent } from '../../subgraphs/audit/src/event/audit-event.repository.ts';
import type { ContentSealer } from '../../platform/crypto/sealed-content.ts';
import { standaloneSealer } from './standalone-sealer.ts';

const ORGANIZATION = 'Acme Demo';

export const DEMO_USERS = {
  admin: { email: 'admin@acme.test', displayName: 'Ada Admin', description: 'ADMIN of the organization' },
  editor: {
    email: 'editor@acme.test',
    displayName: 'Eddie Editor',
    description: 'EDITOR of the Website project',
  },
  participant: {
    email: 'participant@acme.test',
    displayName: 'Pat Participant',
    description: 'PARTICIPANT of the Website project',
  },
} as const;
export const DEMO_ORGANIZATION = ORGANIZATION;

type SubgraphData = Pick<SubgraphModule, 'name' | 'entities' | 'migrations'>;

/** Runs `work` in one scoped transaction of a subgraph, connected as its runtime role, as the service would. */
async function inSubgraph<T>(
  module: SubgraphData,
  access: DatabaseAccess,
  scope: TenantScope,
  work: (em: EntityManager, tx: RequestTransaction) => Promise<T>,
): Promise<T> {
  const orm = await initOrm({
    subgraph: module.name,
    clientUrl: urlForRole(access.databaseUrl, rolesOf(module.name).runtime, access.dbSecret),
    entities: module.entities,
    migrations: module.migrations,
    poolMax: 1,
  });
  try {
    return await runInScope(orm, scope, (tx) => work(tx.em, tx));
  } finally {
    await orm.close(true);
  }
}

/**
 * The demo organization of `npm start`: an admin, an editor and a participant, two projects and a
 * few audit events. Idempotent: does nothing once the admin belongs to an organization.
 */
export async function seedDemo(access: DatabaseAccess): Promise<void> {
  const identity = { name: 'identity' as const, entities: identityEntities, migrations: identityMigrations };
  const tenancy = { name: 'tenancy' as const, entities: tenancyEntities, migrations: tenancyMigrations };

  const [admin, editor, participant] = await inSubgraph(
    identity,
    access,
    { tenantIds: [], userId: null },
    async (em) => {
      const users = [];
      for (const u of [DEMO_USERS.admin, DEMO_USERS.editor, DEMO_USERS.participant]) {
        users.push(await findOrCreateUser(em, u.email, async () => u.displayName));
      }
      return users;
    },
  );

  const organizationId = await inSubgraph(
    tenancy,
    access,
    { tenantIds: [], userId: admin!.id },
    async (em, tx) => {
      if ((await principalMembershipsOf(em, admin!.id)).length) return null;
      // The demo's names stay plain text (they read as they are): the seed runs without a key store.
      const organization = await createOrganization(em, tx, {
        sealName: async () => ORGANIZATION,
        region: 'eu',
        creatorId: admin!.id,
      });
      const website = await createProject(em, {
        organizationId: organization.id,
        sealName: async () => 'Website',
      });
      await createProject(em, { organizationId: organization.id, sealName: async () => 'Mobile app' });
      await addMember(em, { organizationId: organization.id, userId: editor!.id, role: 'MEMBER' });
      await addMember(em, { organizationId: organization.id, userId: participant!.id, role: 'MEMBER' });
      await setProjectRole(em, { projectId: website.id, userId: editor!.id, role: 'EDITOR' });
      await setProjectRole(em, { projectId: website.id, userId: participant!.id, role: 'PARTICIPANT' });
      return organization.id;
    },
  );
  if (!organizationId) return;

  // The events' content is sealed under the organization's key, as the audit subgraph seals it.
  const keys = standaloneSealer(urlForRole(access.databaseUrl, rolesOf('audit').runtime, access.dbSecret));
  try {
    await seedAuditEvents(access, organizationId, keys.sealer, [editor!.id, participant!.id]);
  } finally {
    await keys.close();
  }
}

async function seedAuditEvents(
  access: DatabaseAccess,
  organizationId: string,
  sealer: ContentSealer,
  memberIds: string[],
) {
  const audit = { name: 'audit' as const, entities: auditEntities, migrations: auditMigrations };
  await inSubgraph(audit, access, { tenantIds: [organizationId], userId: null }, async (em) => {
    const actor = { type: 'SYSTEM' as const, id: null };
    await appendAuditEvent(em, sealer, {
      organizationId,
      action: 'tenancy.organization.created',
      outcome: 'SUCCESS',
      actor,
      target: { type: 'Organization', id: organizationId },
      metadata: { seeded: true },
    });
    for (const userId of memberIds) {
      await appendAuditEvent(em, sealer, {
        organizationId,
        action: 'tenancy.member.added',
        outcome: 'SUCCESS',
        actor,
        target: { type: 'User', id: userId },
        metadata: { seeded: true },
      });
    }
  });
}
