/**
 * The import boundaries of src/: the "Map of src/" table in AGENTS.md, as rules. Checked by
 * test/unit/boundaries.test.ts (so by `npm test`); by hand: `npx depcruise src --config .dependency-cruiser.cjs`.
 * Paths are relative to the repository root; type-only imports count (tsPreCompilationDeps).
 * Change a rule together with the map, never to let one import through.
 */

/** The project files a layer may not import: all of src/ but `folders` and the single files `files`. */
const outside = (folders, files = []) => ({
  path: '^src/',
  pathNot: `^src/(${[...folders.map((f) => `${f}/`), ...files.map((f) => `${f.replaceAll('.', '\\.')}$`)].join('|')})`,
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'import cycles: split the shared part into the lower layer (or into kinds.ts)',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-not-test-code',
      severity: 'error',
      comment: 'src/ must not import test, bench, script or example code (nor the build output)',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts|examples|dist)/' },
    },
    {
      name: 'resolvable',
      severity: 'error',
      comment: 'every import of src/ resolves (an unresolved one would slip past the other rules)',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'sdk-only-in-mcp',
      severity: 'error',
      comment: 'only mcp/ imports @modelcontextprotocol/sdk',
      from: { path: '^src/', pathNot: '^src/mcp/' },
      to: { path: '(^|/)node_modules/@modelcontextprotocol/sdk/' },
    },
    {
      name: 'tools-imports-zod-tools-kinds',
      severity: 'error',
      comment: 'tools/ (the catalog) imports only zod, tools/* and kinds.ts',
      from: { path: '^src/tools/' },
      to: { pathNot: '^(src/tools/|src/kinds\\.ts$|node_modules/zod/)' },
    },
    {
      name: 'lookups-imports-zod-tools-kinds',
      severity: 'error',
      comment:
        'lookups/ (composed read tools, data like the catalog) imports only zod, tools/*, kinds.ts and lookups/*',
      from: { path: '^src/lookups/' },
      to: { pathNot: '^(src/lookups/|src/tools/|src/kinds\\.ts$|node_modules/zod/)' },
    },
    {
      name: 'http-imports-http-kinds-log',
      severity: 'error',
      comment: 'http/ imports nothing above it: of the project only http/*, kinds.ts and log.ts',
      from: { path: '^src/http/' },
      to: outside(['http'], ['kinds.ts', 'log.ts']),
    },
    {
      name: 'vendors-imports-http-kinds-log',
      severity: 'error',
      comment: 'vendors/ imports of the project only http/*, kinds.ts, log.ts and vendors/* (not tools/, not execute/)',
      from: { path: '^src/vendors/' },
      to: outside(['vendors', 'http'], ['kinds.ts', 'log.ts']),
    },
    {
      name: 'vendor-not-other-vendor',
      severity: 'error',
      comment:
        "a vendor's files do not import another vendor's files (nor does the shared vendors/vendor.ts): " +
        'what both need goes into vendors/vendor.ts or http/',
      // vendors/index.ts is the registry of every vendor: the one file that names them all
      from: { path: '^src/vendors/([a-z0-9]+)', pathNot: '^src/vendors/index[.]ts$' },
      to: { path: '^src/vendors/(lanying|easemob)', pathNot: '^src/vendors/$1' },
    },
    {
      name: 'execute-imports-tools-http-vendors-kinds-log',
      severity: 'error',
      comment: 'execute/ imports of the project only tools/, http/, vendors/, kinds.ts, log.ts and execute/*',
      from: { path: '^src/execute/' },
      to: outside(['execute', 'tools', 'http', 'vendors'], ['kinds.ts', 'log.ts']),
    },
    {
      name: 'guards-imports-execute-tools-http-kinds-log-fs-limits-config',
      severity: 'error',
      comment:
        'guards/ imports of the project only execute/, tools/, http/, kinds.ts, log.ts, fs-limits.ts, config.ts ' +
        'and guards/*',
      from: { path: '^src/guards/' },
      to: outside(['guards', 'execute', 'tools', 'http'], ['kinds.ts', 'log.ts', 'fs-limits.ts', 'config.ts']),
    },
    {
      name: 'state-imports-guards-http-kinds-log-fs-limits',
      severity: 'error',
      comment: 'state/ imports of the project only guards/ (interfaces), http/ (types), kinds.ts, log.ts, fs-limits.ts',
      from: { path: '^src/state/' },
      to: outside(['state', 'guards', 'http'], ['kinds.ts', 'log.ts', 'fs-limits.ts']),
    },
    {
      name: 'state-uses-guards-http-types-only',
      severity: 'error',
      comment: 'state/ implements the interfaces of guards/ and http/: it imports their types only (import type)',
      from: { path: '^src/state/' },
      to: { path: '^src/(guards|http)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'sandbox-imports-fs-limits-and-node',
      severity: 'error',
      comment: 'sandbox/ imports nothing of the server but fs-limits.ts, and no npm package (node: modules only)',
      from: { path: '^src/sandbox/' },
      to: { pathNot: '^(src/sandbox/|src/fs-limits\\.ts$)', dependencyTypesNot: ['core'] },
    },
    {
      name: 'app-not-mcp',
      severity: 'error',
      comment: 'app.ts imports all layers but mcp/ (the adapters sit on top of it)',
      from: { path: '^src/app\\.ts$' },
      to: { path: '^src/mcp/' },
    },
    {
      name: 'fs-limits-is-a-leaf',
      severity: 'error',
      comment: 'fs-limits.ts imports nothing of the project (anything may import it)',
      from: { path: '^src/fs-limits\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'kinds-is-a-leaf',
      severity: 'error',
      comment: 'kinds.ts (Vendor, HttpMethod, ToolOutput) imports nothing at all',
      from: { path: '^src/kinds\\.ts$' },
      to: {},
    },
  ],
  options: {
    // type-only imports are dependencies too: `import type { Vendor } from '../tools/define.js'` crosses a boundary
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: '(^|/)node_modules/' },
    moduleSystems: ['es6', 'cjs'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    cache: false,
  },
};
