/**
 * The published package: `npm pack` alone builds it, and the tarball installs into an empty
 * folder and works in plain Node ESM, with type declarations.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('the packed package', () => {
  let app = '';
  let tarball = '';

  beforeAll(() => {
    const work = mkdtempSync(join(tmpdir(), 'azure-vm-lifecycle-pack-'));
    execFileSync(npm, ['pack', '--pack-destination', work, '--silent'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
    app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    const xstate = JSON.parse(readFileSync(join(root, 'node_modules/xstate/package.json'), 'utf8')).version;
    // better-sqlite3 (optional, for `serve --data`) is left out: it would compile here for a minute.
    execFileSync(npm, ['install', tarball, `xstate@${xstate}`, '--omit=optional', '--prefer-offline', '--no-audit', '--no-fund', '--silent'], {
      cwd: app,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  }, 180_000);

  it('declares an exports map with types first and no side effects', () => {
    for (const entry of Object.values(manifest.exports)) if (typeof entry === 'object') expect(Object.keys(entry as object)[0]).toBe('types');
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.peerDependencies.xstate).toBeDefined();
  });

  it('contains the built entry and its type declarations', () => {
    const installed = join(app, 'node_modules/azure-vm-lifecycle');
    for (const [name, entry] of Object.entries(manifest.exports)) {
      if (typeof entry !== 'object') continue;
      for (const file of Object.values(entry as Record<string, string>)) expect(existsSync(join(installed, file)), `${name}: ${file}`).toBe(true);
    }
    expect(existsSync(join(installed, manifest.exports['.'].import))).toBe(true);
    expect(existsSync(join(installed, manifest.exports['.'].types))).toBe(true);
    expect(readFileSync(join(installed, manifest.exports['.'].types), 'utf8')).toContain('vmMachine');
  });

  it('imports the main entry and its subpaths in plain Node ESM and runs a VM from create to deallocated', () => {
    const script = `
      import { createActor } from 'xstate';
      import { vmMachine, VirtualClock } from 'azure-vm-lifecycle';
      import { toInstanceView } from 'azure-vm-lifecycle/json';
      import { billingOf } from 'azure-vm-lifecycle/billing';
      import { persistVm, restoreVm } from 'azure-vm-lifecycle/persist';
      import { fromInstanceView } from 'azure-vm-lifecycle/parse';
      import { simulate } from 'azure-vm-lifecycle/simulate';
      import { toMermaid } from 'azure-vm-lifecycle/mermaid';
      const clock = new VirtualClock();
      const vm = createActor(vmMachine, { clock, input: { name: 'web-1', startTime: 0 } }).start();
      clock.runUntilIdle();
      vm.send({ type: 'vm.deallocate' });
      clock.runUntilIdle();
      const view = toInstanceView(vm.getSnapshot());
      console.log(JSON.stringify({
        codes: view.statuses.map((s) => s.code),
        billed: billingOf(vm.getSnapshot()).billed,
        parsed: fromInstanceView(view).power,
        restored: restoreVm(JSON.parse(JSON.stringify(persistVm(vm))), { clock }).getSnapshot().value.exists.power,
        simulated: simulate([{ wait: 'settled' }]).timeline.at(-1).provisioning,
        diagram: toMermaid(vmMachine).split(String.fromCharCode(10))[0],
      }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({
      codes: ['ProvisioningState/succeeded', 'PowerState/deallocated'],
      billed: false,
      parsed: 'deallocated',
      restored: { deallocated: 'notHibernated' },
      simulated: 'succeeded',
      diagram: 'stateDiagram-v2',
    });
  });

  it('ships the ./viz export: its module, its type declarations and the layout worker beside it', () => {
    const installed = join(app, 'node_modules/azure-vm-lifecycle');
    const viz = manifest.exports['./viz'];
    expect(Object.keys(viz)[0]).toBe('types');
    expect(readFileSync(join(installed, viz.types), 'utf8')).toContain('mountChart');
    const module = readFileSync(join(installed, viz.import), 'utf8');
    // The worker is found relative to the module, not at a path of the page that built it.
    expect(module).toContain('new URL("layout.worker.js", import.meta.url)');
    expect(existsSync(join(installed, viz.import, '..', 'layout.worker.js'))).toBe(true);
    expect(manifest.dependencies.elkjs).toBeDefined();
  });

  it('imports ./viz in plain Node and lays a machine out with the installed elkjs (drawing needs a DOM)', () => {
    const script = `
      import { vmMachine } from 'azure-vm-lifecycle';
      import { formatGuard as mermaidGuard } from 'azure-vm-lifecycle/mermaid';
      import { formatGuard, layoutFitsGraph, layoutGraph, mountChart, toChartGraph } from 'azure-vm-lifecycle/viz';
      const graph = toChartGraph(vmMachine);
      const layout = await layoutGraph(graph, { thread: 'main' });
      console.log(JSON.stringify({
        engine: layout.engine,
        fits: layoutFitsGraph(graph, layout),
        sameFormatter: formatGuard === mermaidGuard,
        mountChart: typeof mountChart,
      }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ engine: 'elk', fits: true, sameFormatter: true, mountChart: 'function' });
  });

  it('has the azure-vm-lifecycle command that npx finds in the installed package', () => {
    const out = execFileSync(npm === 'npm' ? 'npx' : 'npx.cmd', ['--no-install', 'azure-vm-lifecycle', 'serve', '--help'], { cwd: app, encoding: 'utf8' });
    expect(out).toContain('Usage: azure-vm-lifecycle serve [options]');
  });

  it('draws the chart with the installed command: an SVG file, and for PNG without the optional renderer a message saying what to install', () => {
    const bin = join(app, 'node_modules/.bin/azure-vm-lifecycle');
    execFileSync(bin, ['chart', '--view', 'full', '-o', 'vm.svg'], { cwd: app, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
    const svg = readFileSync(join(app, 'vm.svg'), 'utf8');
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
    expect(svg).toContain('data-state-id="vm.exists.power.running"');
    // Installed with --omit=optional above: no @resvg/resvg-js.
    let failure: { status: number; stderr: string } | undefined;
    try {
      execFileSync(bin, ['chart', '-o', 'vm.png'], { cwd: app, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      failure = error as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toContain('--format png needs the optional package @resvg/resvg-js, which is not installed here');
    expect(manifest.optionalDependencies['@resvg/resvg-js']).toBeDefined();
  }, 60_000);

  it('serves with the installed command: the listening line first, ARM and the built live page served, SIGTERM closes it', async () => {
    // The command npx runs, started directly so the signal reaches the emulator itself.
    const child = spawn(join(app, 'node_modules/.bin/azure-vm-lifecycle'), ['serve', '--port', '0', '--clock', 'instant'], {
      cwd: app,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const first = (await lines.next()).value as string;
    expect(first).toMatch(/^Listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = first.slice('Listening on '.length);
    const health = await (await fetch(`${url}/_emulator/health`)).json();
    expect(health).toMatchObject({ status: 'ok', clock: 'instant', vms: 0 });
    const page = await fetch(`${url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<title data-i18n="emulator.title">Azure VM lifecycle — emulator</title>');
    const script = /src="\.\/((?:assets\/)?emulator-[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${url}/${script}`)).status).toBe(200);
    const missing = await fetch(`${url}/subscriptions/s/resourcegroups/rg`);
    expect(await missing.json()).toEqual({ error: { code: 'MissingApiVersionParameter', message: 'The api-version query parameter (?api-version=) is required for all requests.' } });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
