import { Migration } from '@mikro-orm/migrations';

export class Migration20261121080000 extends Migration {
  override up(): void {
    // Row-level security read its settings once per row; a scalar subquery reads them once per
    // statement (a million-row export or deletion notices: docs/PERFORMANCE.md, Lifecycle).
    this.addSql(`do $$
    declare p record; q text; w text;
    begin
      for p in select * from pg_policies where schemaname = 'lifecycle'
               and position('SELECT' in coalesce(qual, '') || coalesce(with_check, '')) = 0 loop
        q := replace(replace(p.qual, '(string_to_array(NULLIF(current_setting(''app.tenant_ids''::text, true), ''''::text), '',''::text))::uuid[]', '(SELECT (string_to_array(NULLIF(current_setting(''app.tenant_ids''::text, true), ''''::text), '',''::text))::uuid[])::uuid[]'), '(NULLIF(current_setting(''app.user_id''::text, true), ''''::text))::uuid', '(SELECT (NULLIF(current_setting(''app.user_id''::text, true), ''''::text))::uuid)');
        w := replace(replace(p.with_check, '(string_to_array(NULLIF(current_setting(''app.tenant_ids''::text, true), ''''::text), '',''::text))::uuid[]', '(SELECT (string_to_array(NULLIF(current_setting(''app.tenant_ids''::text, true), ''''::text), '',''::text))::uuid[])::uuid[]'), '(NULLIF(current_setting(''app.user_id''::text, true), ''''::text))::uuid', '(SELECT (NULLIF(current_setting(''app.user_id''::text, true), ''''::text))::uuid)');
        if q is distinct from p.qual or w is distinct from p.with_check then
          execute format('alter policy %I on %I.%I', p.policyname, p.schemaname, p.tablename)
            || coalesce(' using (' || q || ')', '') || coalesce(' with check (' || w || ')', '');
        end if;
      end loop;
    end $$`);
  }

  override down(): void {
    // The rewritten policies mean the same: nothing to undo.
  }
}
