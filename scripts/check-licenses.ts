// npm run check-licenses: fails when a production dependency (transitive included) of the
// lockfile is under a copyleft licence, or under one not known to be permissive and not reviewed
// (scripts/lib/licenses.ts). The lockfile holds every package a production install may take,
// optional platform packages included.
import { readFileSync } from 'node:fs';
import { licenseFindings, packagesOfLockfile, REVIEWED } from './lib/licenses.ts';

const lockfilePath = process.argv[2] ?? 'package-lock.json';
const packages = packagesOfLockfile(JSON.parse(readFileSync(lockfilePath, 'utf8')));
const production = packages.filter((pkg) => !pkg.dev);
const findings = licenseFindings(packages);

for (const [license, { reason }] of Object.entries(REVIEWED)) {
  const users = production.filter((pkg) => pkg.license === license).length;
  if (users) console.log(`licenses: ${users} production package(s) under ${license}, reviewed: ${reason}`);
}
if (findings.length) {
  console.error(`licenses: ${findings.length} production package(s) refused in ${lockfilePath}:`);
  for (const f of findings) console.error(`  ${f.package}: ${f.license} (${f.verdict})`);
  process.exit(1);
}
console.log(`licenses: ${production.length} production packages, none copyleft (${lockfilePath})`);
