// npm run deploy:check: validates deploy/kubernetes against the Kubernetes schemas (kubernetes-models)
// and against docker-compose.yml (same services, commands and variables; probes; one Secret).
import { readFileSync } from 'node:fs';
import { readManifests, schemaProblems, stewardProblems } from './lib/deploy-check.ts';

const manifests = readManifests('deploy/kubernetes');
const problems = [
  ...(await Promise.all(manifests.map(schemaProblems))).flat(),
  ...stewardProblems(manifests, readFileSync('docker-compose.yml', 'utf8')),
];
for (const problem of problems) console.error(problem);
if (problems.length) process.exit(1);
console.log(`deploy/kubernetes: ${manifests.length} objects valid`);
