/** Where the benchmark reads from and writes to. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Everything the benchmark writes (gitignored). */
export const BENCH_OUT = join(PROJECT_ROOT, 'bench', 'out');
