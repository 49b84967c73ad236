/**
 * The billing panel: the badge (billed or not, and why, by the chosen table), the meter of billed
 * time and cost at an editable price, and the table switch. The meters are the shown VM's own
 * (its session feeds them), so a VM of the past shows the bill it had then.
 */
import type { BillingTable, VmSnapshot } from 'azure-vm-lifecycle';
import type { BillingMeter } from 'azure-vm-lifecycle/billing';
import type { Translator } from './i18n/index.js';
import { byId, setAttribute, setText } from './page-dom.js';
import { billingPanel } from './vm-connect.js';
import { billingBadge, billingReason, meterWords } from './vm-words.js';

/** What the panel reads from the page. */
export interface BillingHost {
  /** The shown VM's meters. */
  meters(): Readonly<Record<BillingTable, BillingMeter>>;
  /** The page's language now. */
  t(): Translator;
  /** Called after the table switches, so the page can redraw what depends on it. */
  onTableChange(): void;
}

/** The billing panel. */
export interface BillingPanelView {
  /** The table followed. */
  readonly table: BillingTable;
  /** The price of one billed hour. */
  readonly pricePerHour: number;
  /** Writes the badge for a snapshot. */
  render(snapshot: VmSnapshot): void;
  /** Writes the meter at an elapsed simulated time. */
  renderMeter(elapsedMs: number): void;
  /** Writes the table switch's words. */
  renderSwitch(): void;
}

/** Binds the panel to its elements. */
export function createBillingPanel(host: BillingHost): BillingPanelView {
  const priceInput = byId<HTMLInputElement>('price');
  let table: BillingTable = 'seed-2018';
  let pricePerHour = Number(priceInput.value) || 0;
  let lastElapsed = 0;

  const group = byId('tables');
  for (const option of ['seed-2018', 'azure-2023'] as const) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.table = option;
    button.setAttribute('aria-pressed', String(option === table));
    button.addEventListener('click', () => {
      table = option;
      for (const other of group.querySelectorAll('button')) other.setAttribute('aria-pressed', String(other.dataset.table === table));
      host.onTableChange();
    });
    group.append(button);
  }
  const panel: BillingPanelView = {
    get table() {
      return table;
    },
    get pricePerHour() {
      return pricePerHour;
    },
    render(snapshot) {
      const t = host.t();
      const billing = billingPanel(snapshot, table);
      const badge = byId('billing-badge');
      setText(badge, t.text(billingBadge(snapshot, table)));
      setAttribute(badge, 'data-state', billing.state);
      setAttribute(byId('billing'), 'data-state', billing.state);
      setText(byId('billing-table'), t('billing.per', { table: t(`billing.table.${table}`) }));
      setText(byId('billing-reason'), t.text(billingReason(snapshot, table)));
    },
    renderMeter(elapsedMs) {
      lastElapsed = elapsedMs;
      const t = host.t();
      setText(byId('meter'), t.text(meterWords(host.meters()[table].read(Math.max(0, elapsedMs)), pricePerHour, t.language)));
    },
    renderSwitch() {
      const t = host.t();
      for (const button of group.querySelectorAll<HTMLButtonElement>('button')) {
        setText(button, t(`billing.switch.${button.dataset.table as BillingTable}`));
      }
    },
  };
  priceInput.addEventListener('input', () => {
    const value = Number(priceInput.value);
    if (!Number.isFinite(value) || value < 0) return;
    pricePerHour = value;
    panel.renderMeter(lastElapsed);
  });
  panel.renderSwitch();
  return panel;
}
