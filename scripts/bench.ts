/**
 * The benchmark harness (issue 8): `npm run bench` for the full run, `npm run bench:smoke` for
 * seconds. Options: --smoke, --only gateways,steward-e2e,projects-list, --engines
 * steward,apollo,hive,grafbase, --duration s, --warmup s, --repetitions n, --connections n,
 * --out <folder> (JSON results), --docs <file>|none (the Markdown results table).
 */
import { parseArgs, runBench } from '../bench/run.ts';

try {
  await runBench(parseArgs(process.argv.slice(2)));
} catch (error) {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exit(1);
}
process.exit(0);
