/**
 * Links: what the page's address asks for when it opens (`?run=`, `?scenario=` and `?step=`,
 * `?lang=`), checked before anything runs, and "Copy link", which writes the address of the VM
 * shown: its scenario step when it is exactly one, else its run.
 */
import { message, type Message, type Translator } from './i18n/index.js';
import { byId } from './page-dom.js';
import { decodeRunLink, encodeRunLink, type RunLink } from './run-link.js';
import { scenarioNamed, SCENARIOS, type Scenario } from './scenarios.js';
import type { ScenarioPanel } from './scenario-panel.js';
import type { TimeTravel } from './time-travel.js';
import { bindToast, type Toast } from './toast.js';

/**
 * What the address asks the page to open.
 * - `run`: a run to replay
 * - `scenario`: a scenario at a step (0-based)
 * - `none`: a new VM
 */
export type OpenRequest = { kind: 'run'; link: RunLink } | { kind: 'scenario'; scenario: Scenario; index: number } | { kind: 'none' };

/** Reads the address's `run`, `scenario` and `step`; a problem comes with a message saying what and where. */
export function readOpenRequest(params: URLSearchParams): { request: OpenRequest; problem?: Message } {
  const run = params.get('run');
  if (run !== null) {
    const result = decodeRunLink(run);
    if (result.ok) return { request: { kind: 'run', link: result.link } };
    return { request: { kind: 'none' }, problem: message('link.invalid', { problem: result.problem }) };
  }
  const name = params.get('scenario');
  if (name === null) return { request: { kind: 'none' } };
  const scenario = scenarioNamed(name);
  if (!scenario) {
    return { request: { kind: 'none' }, problem: message('link.scenarioUnknown', { name, names: SCENARIOS.map((each) => each.name).join(', ') }) };
  }
  const step = params.get('step') ?? '1';
  const index = Number(step) - 1;
  if (!/^\d+$/.test(step) || index < 0 || index >= scenario.steps.length) {
    return { request: { kind: 'scenario', scenario, index: 0 }, problem: message('link.stepUnknown', { name, count: scenario.steps.length, step }) };
  }
  return { request: { kind: 'scenario', scenario, index } };
}

/** What "Copy link" needs from the page. */
export interface LinkHost {
  /** The page's time travel. */
  travel: TimeTravel;
  /** The scenario panel. */
  scenarios: ScenarioPanel;
  /** The page's language now. */
  t(): Translator;
}

/**
 * The address of what the page shows: the page's own address and parameters (language, speed…)
 * with `scenario` and `step` when the VM is exactly at a scenario's step, else `run`.
 */
export function linkOf(host: Pick<LinkHost, 'travel' | 'scenarios'>, address: string): string {
  const url = new URL(address);
  for (const key of ['run', 'scenario', 'step']) url.searchParams.delete(key);
  const { travel, scenarios } = host;
  const open = scenarios.open;
  if (open && scenarios.atStep()) {
    url.searchParams.set('scenario', open.scenario.name);
    url.searchParams.set('step', String(open.index + 1));
    return url.href;
  }
  const { present, position } = travel;
  const run = present.vm.run();
  url.searchParams.set('run', encodeRunLink({ input: run.input, steps: [...run.steps], end: present.now().at, ...(position ? { at: position } : {}) }));
  return url.href;
}

/** Binds "Copy link" and its toast. */
export function setupLinkPanel(host: LinkHost): Toast {
  const toast = bindToast('link-toast', 'link-status', 'link-close');
  const output = byId<HTMLInputElement>('link-output');
  byId('copy-link').addEventListener('click', () => {
    const link = linkOf(host, location.href);
    output.value = link;
    const t = host.t();
    const copied = (): void => toast.show(t('link.copied'), 'info');
    const shown = (): void => {
      toast.show(t('link.shown'), 'info');
      output.focus();
      output.select();
    };
    // The clipboard needs a secure context and permission; without it, the link is shown to copy.
    if (navigator.clipboard?.writeText) navigator.clipboard.writeText(link).then(copied, shown);
    else shown();
  });
  return toast;
}
