/**
 * The emulator's options, from `createEmulator` and from `serve`'s command line: a wrong one is
 * refused before anything starts, with a message naming the option, what it accepts and what it got.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmulator, EmulatorOptionError } from 'azure-vm-lifecycle/emulator';
import { parseServeArgs } from '../server/options.js';

describe('--time-scale', () => {
  it.each([
    [0, 'number 0'],
    [-1, 'number -1'],
    [Number.NaN, 'number NaN'],
    [Number.POSITIVE_INFINITY, 'number Infinity'],
    ['0.5', '"0.5"'],
  ])('refuses %s: a positive finite number is expected', async (timeScale, shown) => {
    const refused = await createEmulator({ port: 0, timeScale: timeScale as number }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EmulatorOptionError);
    expect((refused as EmulatorOptionError).option).toBe('time-scale');
    expect((refused as Error).message).toBe(`Invalid option --time-scale: expected a positive number (1 = Azure's real durations), got ${shown}.`);
  });

  it('reads a number from the command line and refuses what is not one', () => {
    expect(parseServeArgs(['--time-scale', '0.5'])).toEqual({ timeScale: 0.5 });
    expect(parseServeArgs(['--time-scale=1'])).toEqual({ timeScale: 1 });
    expect(() => parseServeArgs(['--time-scale', 'fast'])).toThrow("Invalid option --time-scale: expected a number, got 'fast'.");
    expect(() => parseServeArgs(['--time-scale', 'Infinity'])).toThrow("Invalid option --time-scale: expected a number, got 'Infinity'.");
    expect(() => parseServeArgs(['--time-scale'])).toThrow('Invalid option --time-scale: expected a value after it.');
  });

  it('refuses a scale that would make a step longer than a timer can wait, naming the longest step', async () => {
    const refused = await createEmulator({ port: 0, clock: 'real', timeScale: 1e6 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EmulatorOptionError);
    expect((refused as Error).message).toMatch(
      /^Invalid option --time-scale: expected at most [\d.]+ \(the longest step, \w+, \d+ ms in Azure, must stay within a timer's 2147483647 ms\), got number 1000000\.$/,
    );
  });
});

describe('--page-dir', () => {
  it('refuses a folder without a built emulator page, saying how to build one', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-page-'));
    const refused = await createEmulator({ port: 0, pageDir: empty }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EmulatorOptionError);
    expect((refused as Error).message).toBe(
      `Invalid option --page-dir: no emulator.html in '${empty}'; build the page there with \`vite build --outDir ${empty}\` (npm run build:page builds it into dist-page/).`,
    );
  });

  it('is read from the command line like the other folders', () => {
    expect(parseServeArgs(['--page-dir', 'out/page', '--data=keep'])).toEqual({ pageDir: 'out/page', data: 'keep' });
  });
});

describe('names', () => {
  it('refuses an option that does not exist, listing those that do', async () => {
    await expect(createEmulator({ port: 0, timescale: 1 } as never)).rejects.toThrow(
      'Invalid option --timescale: no such option; the options are port, host, https, clock, timeScale, data, token, pageSize, caFile, retryAfter, pageDir.',
    );
    expect(() => parseServeArgs(['--speed', '2'])).toThrow('Invalid option --speed: no such option; see serve --help.');
  });
});
