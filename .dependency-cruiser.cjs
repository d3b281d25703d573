/**
 * The layers of report-bot, lowest first. A module may import its own layer and the layers
 * below it, never one above: the core (text … answer) knows nothing of commands or
 * platforms, and a platform adapter is the only place that knows its platform.
 * `npm run layers` checks the tree; test/layers.test.ts checks that a wrong import fails.
 */
const LAYERS = [
  { name: "base", path: "^src/(text/|chat\\.ts$|log\\.ts$|token-bucket\\.ts$|project\\.ts$)" },
  { name: "report", path: "^src/report/" },
  { name: "store", path: "^src/store/" },
  { name: "query", path: "^src/query/" },
  { name: "answer", path: "^src/answer/" },
  { name: "chart", path: "^src/chart/" },
  { name: "reminders", path: "^src/reminders/" },
  { name: "command", path: "^src/command/" },
  { name: "commands", path: "^commands/" },
  { name: "adapters", path: "^src/adapters/" },
  // Everything that wires the layers together: the entry points, configuration, health.
  {
    name: "wiring",
    path: "^(src/[^/]+\\.ts$|src/cli/|scripts/|bench/)",
    pathNot: "^src/(chat|log|token-bucket|project)\\.ts$",
  },
];

const upward = LAYERS.flatMap((layer, i) => {
  const above = LAYERS.slice(i + 1);
  if (above.length === 0) return [];
  return [
    {
      name: `layer-${layer.name}`,
      comment: `${layer.name} may not import a layer above it (${above.map((l) => l.name).join(", ")})`,
      severity: "error",
      from: { path: layer.path, ...(layer.pathNot ? { pathNot: layer.pathNot } : {}) },
      to: {
        path: above.map((l) => `(${l.path})`).join("|"),
        // A module of this layer or a lower one is never "above", whatever else it matches.
        pathNot: LAYERS.slice(0, i + 1)
          .map((l) => `(${l.path})`)
          .join("|"),
      },
    },
  ];
});

module.exports = {
  forbidden: [
    ...upward,
    {
      name: "adapters-no-store",
      comment: "adapters never touch the database: they go through the dispatcher and the core",
      severity: "error",
      from: { path: "^src/adapters/" },
      to: { path: "^src/store/" },
    },
    {
      name: "adapters-apart",
      comment: "one platform's adapter does not import another's",
      severity: "error",
      from: { path: "^src/adapters/([^/]+)/" },
      to: { path: "^src/adapters/[^/]+/", pathNot: "^src/adapters/$1/" },
    },
    {
      name: "no-tests-in-product",
      comment: "the product and the benchmarks do not import test helpers",
      severity: "error",
      from: { path: "^(src|commands|scripts|bench)/" },
      to: { path: "^test/(helpers|fixtures)/" },
    },
    {
      name: "product-not-bench",
      comment: "the product does not import the benchmarks or the fakes",
      severity: "error",
      from: { path: "^(src|commands)/" },
      to: { path: "^(bench|test)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
    tsPreCompilationDeps: true,
  },
};
