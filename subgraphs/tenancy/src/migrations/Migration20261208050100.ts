import { Migration } from '@mikro-orm/migrations';

/**
 * Keys that Citus can distribute by organization_id (docs/SCALING.md): projects, memberships,
 * project memberships and invitations are keyed by (organization_id, id), and their other unique
 * constraints include organization_id. `id` stays each row's identity (MikroORM's primary key, ids
 * are random UUIDs): a plain index on it keeps lookups by id alone, and the composite unique key
 * (id, organization_id) of projects stays, the target of the foreign keys that pin a project role
 * or an invitation to a project of the same organization.
 */
export class Migration20261208050100 extends Migration {
  override up(): void {
    for (const table of ['projects', 'memberships', 'project_memberships', 'invitations']) {
      this.addSql(
        `alter table tenancy.${table} drop constraint ${table}_pkey, add constraint ${table}_pkey primary key (organization_id, id)`,
      );
    }
    for (const table of ['memberships', 'project_memberships', 'invitations']) {
      this.addSql(`create index ${table}_id_idx on tenancy.${table} (id)`);
    }
    // A project has one organization: (project, user) is as unique with the organization in front.
    this.addSql(`alter table tenancy.project_memberships
      drop constraint project_memberships_project_id_user_id_key,
      add constraint project_memberships_project_id_user_id_key unique (organization_id, project_id, user_id)`);
    // Tokens are 256 random bits, so their hashes never collide across organizations; acceptance
    // finds an invitation by its hash alone (invitation_by_token_hash), through the plain index.
    this.addSql(`alter table tenancy.invitations
      drop constraint invitations_token_hash_key,
      add constraint invitations_token_hash_key unique (organization_id, token_hash)`);
    this.addSql('create index invitations_token_hash_idx on tenancy.invitations (token_hash)');
  }

  override down(): void {
    this.addSql('drop index tenancy.invitations_token_hash_idx');
    this.addSql(`alter table tenancy.invitations drop constraint invitations_token_hash_key,
      add constraint invitations_token_hash_key unique (token_hash)`);
    this
      .addSql(`alter table tenancy.project_memberships drop constraint project_memberships_project_id_user_id_key,
      add constraint project_memberships_project_id_user_id_key unique (project_id, user_id)`);
    for (const table of ['memberships', 'project_memberships', 'invitations']) {
      this.addSql(`drop index tenancy.${table}_id_idx`);
    }
    for (const table of ['projects', 'memberships', 'project_memberships', 'invitations']) {
      this.addSql(
        `alter table tenancy.${table} drop constraint ${table}_pkey, add constraint ${table}_pkey primary key (id)`,
      );
    }
  }
}
