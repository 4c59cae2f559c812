import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { composeSupergraph, SUPERGRAPH_FILE } from './lib/compose.ts';

// npm run compose: writes schema/supergraph.graphql. npm run compose:check (--check): fails when
// the committed file is not what composing the subgraphs gives, or a lifecycle rule is broken.
const rootDir = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');
const target = resolve(rootDir, SUPERGRAPH_FILE);

const outcome = composeSupergraph(rootDir);
const composed = `${outcome.subgraphs.length} subgraphs (${outcome.subgraphs.join(', ')})`;
for (const hint of outcome.hints) console.log(`hint: ${hint}`);

if (outcome.errors.length || outcome.supergraphSdl === null) {
  console.error(`Composing ${composed} failed with ${outcome.errors.length} error(s):`);
  for (const error of outcome.errors) console.error(`  - ${error}`);
  process.exit(1);
}

const fresh = `${outcome.supergraphSdl}\n`;
if (check) {
  const committed = existsSync(target) ? readFileSync(target, 'utf8') : null;
  if (committed !== fresh) {
    const where =
      committed === null
        ? 'it does not exist'
        : `first difference at line ${firstDifferentLine(committed, fresh)}`;
    console.error(
      `${SUPERGRAPH_FILE} is out of date (${where}): run \`npm run compose\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log(`${SUPERGRAPH_FILE} is up to date with ${composed}; lifecycle checks passed.`);
} else {
  writeFileSync(target, fresh);
  console.log(`Composed ${composed} into ${SUPERGRAPH_FILE}; lifecycle checks passed.`);
}

function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  const index = left.findIndex((line, i) => line !== right[i]);
  return (index === -1 ? left.length : index) + 1;
}
