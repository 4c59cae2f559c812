import tseslint from 'typescript-eslint';

const SUBGRAPHS = ['identity', 'tenancy', 'audit', 'lifecycle'];

/** One no-restricted-imports rule: each forbidden pattern (a regex over the import path) with why. */
const forbid = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map(([regex, message]) => ({ regex, message })) }],
});
// Import paths are relative (`../../subgraphs/…`): a pattern names the folder after the `../`s.
const outside = (...folders) => `^(\\.\\./)+(${folders.join('|')})/`;

/**
 * The layering as a check (README, Architecture): the gateway uses the platform and the contracts
 * only; the platform and the contracts use nothing of the gateway or the subgraphs; a subgraph
 * never reaches into another's src; only scripts/, bench/ and test/ reach into a subgraph; a
 * committed migration imports nothing that could change under it.
 */
const importBoundaries = [
  {
    files: ['gateway/**'],
    rules: forbid([
      outside('subgraphs', 'scripts', 'bench', 'test'),
      'The gateway imports only platform/ and contracts/.',
    ]),
  },
  {
    files: ['platform/**'],
    rules: forbid([
      outside('subgraphs', 'gateway', 'scripts', 'bench', 'test'),
      'platform/ is shared by the gateway and the subgraphs: it imports neither.',
    ]),
  },
  {
    files: ['contracts/**'],
    rules: forbid([
      outside('subgraphs', 'gateway', 'scripts', 'bench', 'test'),
      'A contract is what caller and server share: it imports neither.',
    ]),
  },
  {
    files: ['subgraphs/runtime/**', 'subgraphs/protocols/**'],
    rules: forbid(
      [outside(...SUBGRAPHS), 'The runtime and the protocols serve every subgraph: they import none.'],
      [
        outside('gateway', 'scripts', 'bench', 'test'),
        'A subgraph imports platform/, contracts/ and the runtime.',
      ],
    ),
  },
  ...SUBGRAPHS.map((name) => ({
    files: [`subgraphs/${name}/**`],
    rules: forbid(
      [
        `(^|/)(${SUBGRAPHS.filter((other) => other !== name).join('|')})/src/`,
        `A subgraph never imports another subgraph's src: call it through contracts/.`,
      ],
      [
        outside('gateway', 'scripts', 'bench', 'test'),
        'A subgraph imports platform/, contracts/ and the runtime.',
      ],
    ),
  })),
  {
    files: ['subgraphs/*/src/migrations/**'],
    rules: forbid(['^\\.', 'A committed migration holds the SQL it ran: it imports no live helper.']),
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '**/generated/',
      'bench/peers/',
      '.steward/',
      'coverage/',
      // The console's build output (gateway/console/build.ts).
      'gateway/console/dist/',
      'gateway/console/.dist-*/',
    ],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...importBoundaries,
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
