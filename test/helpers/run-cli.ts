/** Runs the CLI in-process (main with captured stdout/stderr) against a throwaway data dir, as the CLI integration tests do. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** `linkscope …argv` with this environment; resolves with the exit code and everything printed. */
export async function runCli(env: NodeJS.ProcessEnv, argv: readonly string[]): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main([...argv], { env, stdout, stderr });
  return { code, out, err };
}

/** A new temp dir (remove it in afterAll/afterEach) and the variables that put the data dir and secret key in it. */
export function tempDataDir(prefix: string): { readonly dir: string; readonly env: { LINKSCOPE_DATA_DIR: string; LINKSCOPE_SECRET_KEY_FILE: string } } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, env: { LINKSCOPE_DATA_DIR: join(dir, 'data'), LINKSCOPE_SECRET_KEY_FILE: join(dir, 'key', 'secret.key') } };
}
