/** Where a worker thread's code is, for the libraries that start one (the SQLite writer, the relay). */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * A thread runs compiled JavaScript. From dist/ that is the file beside its starter (`dir`); under
 * jest (TypeScript sources) it is the build of the same file, which jest's global setup makes
 * first. `dir` is a folder libs/<lib>/src/<folder>/ of the repository.
 */
export function compiledThreadFile(dir: string, file: string): string {
  const beside = join(dir, file);
  if (existsSync(beside)) return beside;
  const root = resolve(dir, '../../../..');
  return join(root, 'dist', relative(root, dir), file);
}
