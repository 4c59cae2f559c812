import { Migration } from '@mikro-orm/migrations';

export class Migration20261208130500 extends Migration {
  override up(): void {
    // A sign-in challenge is bound to the client it was handed to (a hash of its IP and user agent);
    // challenges open at the upgrade bind to nothing and match no client: those sign-ins start again.
    this.addSql(`alter table identity.sign_in_challenges add column client_hash text not null default ''`);
  }

  override down(): void {
    this.addSql(`alter table identity.sign_in_challenges drop column client_hash`);
  }
}
