/**
 * `npm run bench`: measures every row, prints the table, writes `bench/out/results.json`.
 * `BENCH_SCALE` (default 1) scales every count; `BENCH_BROWSER=0` leaves out the browser rows;
 * `BENCH_ROWS=emulator` (row keys and groups, comma-separated) measures only those rows;
 * `BENCH_PROFILE=1` profiles the first live-update run into `bench/out/`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBench, selectRows } from './bench.js';
import { BENCH_OUT } from './paths.js';
import { formatTable, toResultsJson } from './table.js';

const scale = Number(process.env.BENCH_SCALE ?? '1');
if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`BENCH_SCALE must be a positive number, got ${process.env.BENCH_SCALE}`);

const rows = selectRows(process.env.BENCH_ROWS);
const results = await runBench({
  scale,
  rows,
  browser: process.env.BENCH_BROWSER !== '0',
  profile: process.env.BENCH_PROFILE === '1',
  progress: (phase) => process.stderr.write(`bench: ${phase}…\n`),
});
mkdirSync(BENCH_OUT, { recursive: true });
const file = join(BENCH_OUT, 'results.json');
writeFileSync(file, `${JSON.stringify(toResultsJson(results), null, 2)}\n`);
process.stdout.write(`${formatTable(results)}\nwritten: ${file}\n`);
