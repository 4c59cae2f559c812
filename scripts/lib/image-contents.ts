import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The files a process of the image loads: `entry` and every module it imports by a relative path,
 * transitively (package imports come from the image's node_modules). Non-code files read at run
 * time (schema files) are named by their callers, not found here.
 */
export function localModulesOf(root: string, entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = entries.map((entry) => resolve(root, entry));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g))
      queue.push(resolve(dirname(file), specifier!));
    for (const [, specifier] of source.matchAll(/import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g))
      queue.push(resolve(dirname(file), specifier!));
  }
  return new Set([...seen].map((file) => relative(root, file)));
}

/** The top-level folders and files the Dockerfile's final stage copies from the build context. */
export function copiedByDockerfile(dockerfile: string): Set<string> {
  const stages = dockerfile.split(/^FROM /m);
  const last = stages.at(-1) ?? '';
  const copied = new Set<string>();
  for (const [, args] of last.matchAll(/^COPY\s+(?!--from)(.+)$/gm)) {
    const parts = args!.trim().split(/\s+/);
    for (const source of parts.slice(0, -1)) copied.add(source.replace(/^\.\//, '').replace(/\/$/, ''));
  }
  return copied;
}

/** Modules the image's processes load that its final stage does not copy. */
export function missingFromImage(root: string, entries: string[]): string[] {
  const copied = copiedByDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
  const isCopied = (file: string) =>
    [...copied].some((source) => file === source || file.startsWith(`${source}/`));
  return [...localModulesOf(root, entries)].filter((file) => !isCopied(file)).sort();
}
