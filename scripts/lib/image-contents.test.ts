import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { copiedByDockerfile, localModulesOf, missingFromImage } from './image-contents.ts';

const root = join(import.meta.dirname, '..', '..');

/** Every command the image runs: docker-compose's services, its default CMD and its health check. */
function entries(): string[] {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, { command?: string[] }>;
  };
  const commands = Object.values(compose.services).flatMap((service) => service.command ?? []);
  return [
    ...new Set([
      ...commands.filter((arg) => arg.endsWith('.ts')),
      'gateway/src/main.ts',
      'scripts/healthcheck.ts',
    ]),
  ];
}

describe('the container image', () => {
  it('holds every module its processes load (a folder left out of the Dockerfile fails here, not in production)', () => {
    expect(entries()).toEqual(
      expect.arrayContaining(['scripts/migrate.ts', 'subgraphs/identity/src/main.ts']),
    );
    expect(missingFromImage(root, entries())).toEqual([]);
  });

  it('finds the modules a process imports, and what the final stage copies', () => {
    const modules = localModulesOf(root, ['gateway/src/main.ts']);
    expect(modules.has('platform/config.ts')).toBe(true);
    expect([...modules].some((file) => file.startsWith('contracts/'))).toBe(true);
    const copied = copiedByDockerfile(
      'FROM a AS b\nCOPY x ./x\nFROM c\nCOPY --from=b /y ./y\nCOPY platform ./platform\n',
    );
    expect([...copied]).toEqual(['platform']);
  });
});
