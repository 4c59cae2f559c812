import { Migration } from '@mikro-orm/migrations';

export class Migration20261207080000 extends Migration {
  override up(): void {
    // Second factors, passkeys and single sign-on each widened the sign-in methods on their own: the union.
    this.addSql(`alter table identity.sign_in_attempts drop constraint sign_in_attempts_method_check`);
    this.addSql(`alter table identity.sign_in_attempts add constraint sign_in_attempts_method_check
      check (method in ('EMAIL_CODE','PASSWORD','OIDC','DEVELOPMENT','SSO','PASSKEY','TOTP','RECOVERY_CODE'))`);
  }

  override down(): void {
    this.addSql(`alter table identity.sign_in_attempts drop constraint sign_in_attempts_method_check`);
    this.addSql(`alter table identity.sign_in_attempts add constraint sign_in_attempts_method_check
      check (method in ('EMAIL_CODE','PASSWORD','OIDC','DEVELOPMENT','PASSKEY','SSO'))`);
  }
}
