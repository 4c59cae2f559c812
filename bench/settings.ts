export interface BenchSettings {
  warmupSeconds: number;
  durationSeconds: number;
  repetitions: number;
  connections: number;
  /** Cores (taskset list) of the process under test, and of the load generator with the fixture. */
  gatewayCpus: string;
  loadCpus: string;
}

export const FULL: BenchSettings = {
  warmupSeconds: 5,
  durationSeconds: 10,
  repetitions: 3,
  connections: 50,
  gatewayCpus: '0',
  loadCpus: '1',
};

export const SMOKE: BenchSettings = {
  warmupSeconds: 1,
  durationSeconds: 1,
  repetitions: 1,
  connections: 10,
  gatewayCpus: '0',
  loadCpus: '1',
};
