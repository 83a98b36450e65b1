/** Vitest global setup for the integration and postgres projects: builds dist/ once, so suites that run the built CLI never test stale code. */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export default function setup(): void {
  // `npm test` has just built dist/ in its `pretest` script; building again would only cost time.
  if (process.env['npm_lifecycle_event'] === 'test') return;
  // Two projects (integration, postgres) name this setup; one build per run is enough.
  if (process.env['LINKSCOPE_TEST_DIST_BUILT'] === '1') return;
  const root = join(import.meta.dirname, '..', '..');
  const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  // Throws (failing the run with tsc's diagnostics) when the build breaks.
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  // As `npm run build` does: the MIB index the built CLI reads instead of parsing mibs/.
  execFileSync(process.execPath, [join(root, 'scripts', 'build-mib-index.mjs')], { cwd: root, stdio: 'inherit' });
  process.env['LINKSCOPE_TEST_DIST_BUILT'] = '1';
}
