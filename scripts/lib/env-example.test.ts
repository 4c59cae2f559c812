import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { SubgraphEnv } from '../../platform/config.ts';
import { GatewayEnv } from '../../gateway/src/config.ts';
import { IdentityEnv } from '../../subgraphs/identity/src/config.ts';
import { TenancyEnv } from '../../subgraphs/tenancy/src/config.ts';
import { AuditEnv } from '../../subgraphs/audit/src/config.ts';
import { LifecycleEnv } from '../../subgraphs/lifecycle/src/config.ts';
import { LocalEnv } from './local-config.ts';
import { generateProductionEnv } from './production-env.ts';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
/** VAR= lines, commented (a default shown) or not. */
const documented = new Set([...read('.env.example').matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));

describe('.env.example', () => {
  it('lists every variable a process reads, npm run keys writes and docker-compose.yml uses', () => {
    const read_ = [
      SubgraphEnv,
      GatewayEnv,
      IdentityEnv,
      TenancyEnv,
      AuditEnv,
      LifecycleEnv,
      LocalEnv,
    ].flatMap((schema) => Object.keys(schema.shape));
    const written = generateProductionEnv().map((entry) => entry.name);
    const composed = [...read('docker-compose.yml').matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!);
    const missing = [...new Set([...read_, ...written, ...composed])].filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });

  it('says what each variable is for: a comment above it or above its group', () => {
    let explained = false;
    const unexplained: string[] = [];
    for (const line of read('.env.example').split('\n')) {
      const variable = /^#? ?([A-Z][A-Z0-9_]*)=/.exec(line)?.[1];
      if (variable) {
        if (!explained) unexplained.push(variable);
      } else explained = line.startsWith('# ');
    }
    expect(unexplained).toEqual([]);
  });
});
