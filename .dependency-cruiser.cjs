/**
 * Module-graph rules checked by `npm run lint` (dependency-cruiser): no import cycles, runtime or
 * type-only, outside the owned allowlist in `.dependency-cruiser-allowed-cycles.cjs`; no provider
 * imports another provider; core imports no provider.
 */
const allowedCycles = require('./.dependency-cruiser-allowed-cycles.cjs');

const noCircular = { name: 'no-circular', severity: 'error' };

module.exports = {
  forbidden: [
    {
      ...noCircular,
      comment:
        'An import cycle (type-only imports count): move the shared part into a module both can import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-provider-imports-provider',
      severity: 'error',
      comment: 'Providers depend on @tasklens/core only, never on each other.',
      from: { path: '^packages/(?!core/)([^/]+)/' },
      to: { path: '^packages/(?!core/)', pathNot: '^packages/$1/' },
    },
    {
      name: 'no-core-imports-provider',
      severity: 'error',
      comment: 'Core has no vendor detail.',
      from: { path: '^packages/core/' },
      to: { path: '^packages/(?!core/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.turbo|python|__pycache__)/' },
    // Type-only imports are edges too: a type-only cycle still ties two modules together.
    tsPreCompilationDeps: true,
    // Its `paths` map `@tasklens/*` to each package's src, so cross-package edges are seen as well.
    tsConfig: { fileName: 'tsconfig.interop.json' },
    knownViolations: allowedCycles.flatMap(({ cycle }) =>
      cycle.map((from, index) => ({
        type: 'cycle',
        from,
        to: cycle[(index + 1) % cycle.length],
        rule: noCircular,
        cycle: [...cycle.slice(index + 1), ...cycle.slice(0, index + 1)].map((name) => ({
          name,
          dependencyTypes: [],
        })),
      })),
    ),
  },
};
