/**
 * How Steward's processes are laid out (issue 22): `npm start`'s one process (`single`), the
 * gateway apart from the four subgraphs (`split`), or a process each, as docker-compose deploys them
 * (`per-subgraph`). Every process and PostgreSQL float over all the cores, as deployed; only the
 * load generator is pinned (settings.loadCpus).
 */
export const TOPOLOGIES = ['single', 'split', 'per-subgraph'] as const;
export type Topology = (typeof TOPOLOGIES)[number];

export interface BenchSettings {
  warmupSeconds: number;
  durationSeconds: number;
  repetitions: number;
  connections: number;
  /** Cores (taskset list) of the process under test, and of the load generator with the fixture. */
  gatewayCpus: string;
  loadCpus: string;
  /** Rows seeded into the organization the lifecycle scenario exports and deletes. */
  lifecycleRows: number;
  /** false: the lifecycle scenario measures the export only (`--export-only`). */
  lifecycleDeletion: boolean;
  /**
   * true: the seed's SHRED names are sealed as Steward stores them; false (`--plain-names`): left
   * in clear as before sealing began (they export as they are), for the cost of opening them.
   */
  lifecycleSealNames: boolean;
  /** Where the dashboard is measured (bench/steward.ts TOPOLOGIES); the first is the headline. */
  e2eTopologies: Topology[];
}

export const FULL: BenchSettings = {
  warmupSeconds: 5,
  durationSeconds: 10,
  repetitions: 3,
  connections: 50,
  gatewayCpus: '0',
  loadCpus: '1',
  lifecycleRows: 1_000_000,
  lifecycleDeletion: true,
  lifecycleSealNames: true,
  e2eTopologies: ['single', 'per-subgraph', 'split'],
};

export const SMOKE: BenchSettings = {
  warmupSeconds: 1,
  durationSeconds: 1,
  repetitions: 1,
  connections: 10,
  gatewayCpus: '0',
  loadCpus: '1',
  lifecycleRows: 2_000,
  lifecycleDeletion: true,
  lifecycleSealNames: true,
  e2eTopologies: ['single', 'per-subgraph'],
};
