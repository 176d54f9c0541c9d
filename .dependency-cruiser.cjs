/**
 * Who may import what (DESIGN.md, "Layout"). Run by `npm run lint`; tests/boundary.test.ts shows
 * each rule failing on a violation.
 */
// What adapters and stores may use of the core: the ports, the reply model, i18n, and what the
// ports name: the item model, and the time zones a Schedule may hold.
const PORTS = '^src/(ports|reply)[.]ts$|^src/i18n/|^src/news/item[.]ts$|^src/digest/zone[.]ts$';

module.exports = {
  forbidden: [
    {
      name: 'core-is-platform-neutral',
      comment:
        'src/ never imports an adapter, a store, a platform SDK or a database client: only the composition root (src/app.ts) and the entry points that call it know them.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(app|main|cli)[.]ts$' },
      to: { path: ['^adapters/', '^store/', 'node_modules/(@slack|telegraf|lowdb|pg|proper-lockfile)/'] },
    },
    {
      name: 'only-entry-points-compose',
      comment: 'Only the entry points (src/main.ts, src/cli.ts) call the composition root.',
      severity: 'error',
      from: { path: '^(src|adapters|store)/', pathNot: '^src/(main|cli)[.]ts$' },
      to: { path: '^src/app[.]ts$' },
    },
    {
      name: 'adapters-use-ports',
      comment:
        'An adapter takes from the core only the ports, the reply model, i18n and what the ports name: it asks the core through the driving ports.',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^src/', pathNot: PORTS },
    },
    {
      name: 'adapters-hold-no-store',
      comment: "An adapter never reaches a store: a chat's state changes through the driving ports.",
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^store/' },
    },
    {
      name: 'stores-use-ports',
      comment: 'A store implements the store port and knows nothing else of the core.',
      severity: 'error',
      from: { path: '^store/' },
      to: { path: ['^src/', '^adapters/'], pathNot: PORTS },
    },
    {
      name: 'tests-never-import-bench',
      comment:
        'A test exercises the code, not the benchmark: what both need lives in tests/helpers or tests/fakes.',
      severity: 'error',
      from: { path: '^tests/' },
      to: { path: '^bench/' },
    },
    {
      name: 'bench-uses-test-support',
      comment:
        "The benchmarks share the tests' support (tests/helpers, tests/fakes, the judged search set), never a test of their own.",
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^tests/', pathNot: '^tests/(helpers|fakes)/|^tests/search/(corpus|judged)[.]ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
