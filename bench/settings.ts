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
};
