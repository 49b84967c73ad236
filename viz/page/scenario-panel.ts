/**
 * The scenario panel: the header's choice of scenario, and the narration under the chart with
 * Back / Next and, where a scenario compares, its billing meters side by side. Next plays the
 * step's actions on the VM shown when it is exactly where the previous step left it (so the chart
 * animates them); otherwise, and for Back, the step's run is loaded.
 */
import type { BillingTable } from 'azure-vm-lifecycle';
import type { Translator } from './i18n/index.js';
import { byId, setAttribute, setText } from './page-dom.js';
import { compareAt, isAtStep, playAction, scenarioRun } from './scenario-runner.js';
import { SCENARIOS, type Scenario } from './scenarios.js';
import type { TimeTravel } from './time-travel.js';
import { meterWords } from './vm-words.js';

/** What the panel needs from the page. */
export interface ScenarioHost {
  /** The page's time travel. */
  travel: TimeTravel;
  /** The page's language now. */
  t(): Translator;
  /** The billing table and price the page shows. */
  billing(): { table: BillingTable; pricePerHour: number };
  /** Stops simulated time, so each step stays as narrated until the reader goes on. */
  pause(): void;
}

/** The scenario open, and at which step (0-based). */
export interface OpenScenario {
  /** The scenario. */
  scenario: Scenario;
  /** The step shown. */
  index: number;
}

/** The scenario panel. */
export interface ScenarioPanel {
  /** The scenario open, if any. */
  readonly open: OpenScenario | null;
  /** Opens a scenario at a step (0-based): its run is loaded. */
  show(scenario: Scenario, index: number): void;
  /** Goes to the next step. */
  next(): void;
  /** Goes to the step before. */
  back(): void;
  /** Closes the narration; the VM stays as it is. */
  close(): void;
  /** Writes the narration and the meters. */
  render(): void;
  /** Writes the choice's words. */
  renderWords(): void;
  /** Whether the VM shown is exactly the open step's end (then a link can name the step). */
  atStep(): boolean;
}

/** Binds the panel. */
export function createScenarioPanel(host: ScenarioHost): ScenarioPanel {
  const { travel } = host;
  const select = byId<HTMLSelectElement>('scenario-select');
  const narration = byId('narration');
  const compare = byId('compare');
  let open: OpenScenario | null = null;

  const load = (scenario: Scenario, index: number): void => {
    const run = scenarioRun(scenario, index);
    travel.load(run.input, run.steps, run.end);
  };

  const panel: ScenarioPanel = {
    get open() {
      return open;
    },
    show(scenario, index) {
      open = { scenario, index };
      host.pause();
      load(scenario, index);
      panel.render();
    },
    next() {
      if (!open || open.index + 1 >= open.scenario.steps.length) return;
      const { scenario, index } = open;
      host.pause();
      if (panel.atStep()) {
        for (const action of scenario.steps[index + 1]?.actions ?? []) playAction(travel.present.vm, action);
      } else {
        load(scenario, index + 1);
      }
      open = { scenario, index: index + 1 };
      panel.render();
    },
    back() {
      if (!open || open.index === 0) return;
      panel.show(open.scenario, open.index - 1);
    },
    close() {
      open = null;
      panel.render();
    },
    atStep() {
      if (!open || travel.position !== null) return false;
      const { present } = travel;
      return isAtStep(open.scenario, open.index, present.vm.run(), present.now().at);
    },
    render() {
      narration.hidden = open === null;
      select.value = open?.scenario.name ?? '';
      if (!open) return;
      const t = host.t();
      const { scenario, index } = open;
      const step = scenario.steps[index];
      setText(byId('narration-title'), t(scenario.title));
      setText(byId('narration-step'), t('scenario.step', { index: index + 1, count: scenario.steps.length }));
      setText(byId('narration-text'), step ? t(step.text) : '');
      setAttribute(byId('narration-back'), 'aria-disabled', String(index === 0));
      setAttribute(byId('narration-next'), 'aria-disabled', String(index + 1 >= scenario.steps.length));
      compare.hidden = !step?.compare;
      if (step?.compare) {
        const { table, pricePerHour } = host.billing();
        const meters = byId('compare-meters');
        const rows = compareAt(scenario, travel.shown.now().at, table).flatMap(({ label, reading }) => {
          const term = document.createElement('dt');
          term.textContent = t(label);
          const value = document.createElement('dd');
          value.textContent = t.text(meterWords(reading, pricePerHour, t.language));
          return [term, value];
        });
        meters.replaceChildren(...rows);
      }
    },
    renderWords() {
      const t = host.t();
      const options = [new Option(t('scenario.none'), ''), ...SCENARIOS.map((scenario) => new Option(t(scenario.title), scenario.name))];
      select.replaceChildren(...options);
      select.value = open?.scenario.name ?? '';
      panel.render();
    },
  };

  select.addEventListener('change', () => {
    const chosen = SCENARIOS.find((scenario) => scenario.name === select.value);
    if (chosen) panel.show(chosen, 0);
    else panel.close();
  });
  byId('narration-next').addEventListener('click', () => panel.next());
  byId('narration-back').addEventListener('click', () => panel.back());
  byId('narration-close').addEventListener('click', () => panel.close());
  panel.renderWords();
  return panel;
}
