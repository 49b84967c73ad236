#!/usr/bin/env node
/**
 * `azure-vm-lifecycle serve [options]`: starts the emulator, prints `Listening on <URL>` first,
 * and closes cleanly on Ctrl-C or SIGTERM. `azure-vm-lifecycle chart [options]`: writes the VM's
 * statechart as SVG, PNG or Mermaid (`chart-command.ts`).
 */
import { createEmulator } from './emulator.js';
import { parseServeArgs, SERVE_HELP } from './options.js';

const USAGE = `Usage: azure-vm-lifecycle <command>

Commands:
  serve [options]   run the Azure Compute emulator (serve --help for its options)
  chart [options]   write the VM's statechart as SVG, PNG or Mermaid (chart --help)
`;

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command === 'chart') {
    // Loaded only here: the chart brings elk, which serving never needs.
    const { runChartCommand } = await import('./chart-command.js');
    return runChartCommand(rest);
  }
  if (command !== 'serve') {
    process.stderr.write(`Unknown command '${command}'.\n\n${USAGE}`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  const options = parseServeArgs(rest);
  const emulator = await createEmulator(options);
  process.stdout.write(`Listening on ${emulator.url}\n`);
  if (emulator.caPath) process.stdout.write(`CA certificate: ${emulator.caPath}\n`);
  const health = emulator.health();
  process.stdout.write(`Clock: ${health.clock}; ${health.durable ? `data kept in ${options.data}` : 'in memory'}; ${health.vms} VMs; open ${emulator.url}/ for the live page\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      process.stdout.write(`${signal}: closing\n`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await emulator.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
