import { describe, expect, it } from 'vitest';
import { runBench, RESULT_KEYS, GOALS, selectRows } from '../bench/bench.js';
import { median, percentile, summarize } from '../bench/stats.js';
import { formatTable, toResultsJson } from '../bench/table.js';

// The benchmark's own code paths, run with tiny counts so they cannot rot. Nothing here asserts
// a duration: only that every row is measured and reported.

describe('bench statistics', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('takes a nearest-rank percentile that is always a measured value', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
  });

  it('flags a row noisy when max/min exceeds 1.5, and a zero row only when it varies', () => {
    expect(summarize([1, 1.2, 1.4]).noisy).toBe(false);
    expect(summarize([1, 1.2, 1.6]).noisy).toBe(true);
    expect(summarize([0, 0, 0]).noisy).toBe(false);
    expect(summarize([0, 1]).noisy).toBe(true);
  });
});

describe('BENCH_ROWS', () => {
  it('selects every row when empty, and rows by key or by group otherwise', () => {
    expect([...selectRows(undefined)]).toEqual([...RESULT_KEYS]);
    expect([...selectRows(' ')]).toEqual([...RESULT_KEYS]);
    expect([...selectRows('emulator')]).toEqual(['emulator_rps_ratio', 'sdk_lifecycle_step_ms', 'persist_ops_ratio']);
    expect([...selectRows('fleet_100k_heap_mb, emulator_rps_ratio')]).toEqual(['fleet_100k_heap_mb', 'emulator_rps_ratio']);
  });

  it('measures only the rows selected', async () => {
    const results = await runBench({ scale: 0.002, rows: selectRows('persist_ops_ratio') });
    expect(Object.keys(results.rows)).toEqual(['persist_ops_ratio']);
    expect(formatTable(results)).toMatch(/emulator_rps_ratio +- +- +- +0 +not run/);
  }, 30_000);

  it('refuses an unknown name, listing the valid ones', () => {
    expect(() => selectRows('emulator,rps')).toThrow(/Unknown bench row 'rps': expected row keys \(event_cost_vs_floor, .*\) or groups \(machine, browser, emulator, fleet\)/);
  });
});

describe('npm run bench, scaled down', () => {
  it('measures every row, node and browser, and reports each with its spread and goal', async () => {
    const results = await runBench({ scale: 0.002 });
    for (const key of RESULT_KEYS) {
      const row = results.rows[key];
      expect(row, key).toBeDefined();
      expect(Number.isFinite(row?.median), key).toBe(true);
      expect(row?.reps, key).toBeGreaterThanOrEqual(1);
      expect(row?.min, key).toBeLessThanOrEqual(row?.max ?? Number.NaN);
      expect(row?.goal, key).toEqual(GOALS[key]);
    }
    expect(results.details.loads?.oursScripts.length).toBeGreaterThan(0);
    expect(results.details.loads?.mermaidScripts.length).toBeGreaterThan(0);
    expect(results.details.sharedClock?.timersPerFleet).toBeGreaterThan(0);
    expect(results.details.librarySize?.byModule.some((module) => module.module.includes('vm.machine'))).toBe(true);

    const table = formatTable(results);
    for (const key of RESULT_KEYS) expect(table).toContain(key);
    const json = toResultsJson(results);
    for (const key of RESULT_KEYS) expect(typeof json[key]).toBe('number');
    // About a minute alone; the whole suite runs beside it on two shared cores.
  }, 240_000);
});
