#!/usr/bin/env node
// Compiles mibs/ into dist/mibs-index.json after `tsc` (npm run build): MibStore.load then reads
// the index (~20 ms) instead of parsing every module (~0.5 s) whenever no mibs.dirs folder is set.
// The index carries a fingerprint of mibs/ and of the compiling code; a stale one is ignored.
import { defaultIndexPath, writeMibIndex } from '../dist/src/mib/mib-store.js';

const started = performance.now();
const store = writeMibIndex();
if (store.skipped.length > 0) {
  console.error(`build-mib-index: ${store.skipped.length} module(s) in mibs/ did not load:\n${store.skipped.map((s) => `  ${s.path}:${s.line ?? '?'}: ${s.reason}`).join('\n')}`);
  process.exitCode = 1;
}
console.log(`build-mib-index: ${store.modules.length} modules -> ${defaultIndexPath()} (${Math.round(performance.now() - started)} ms)`);
