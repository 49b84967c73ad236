/**
 * The billing panel: the badge (billed or not, and why, by the chosen table), the meter of billed
 * time and cost at an editable price, and the table switch.
 */
import { createBillingMeter, type BillingMeter, type BillingTable, type VmSnapshot } from 'azure-vm-lifecycle';
import { BILLING_BY_TABLE, byId, setAttribute, setText } from './page-dom.js';
import { billingPanel, meterText } from './vm-connect.js';

/** The billing panel. */
export interface BillingPanelView {
  /** Fresh meters for a new VM. */
  reset(): void;
  /** Feeds a snapshot to both meters. */
  observe(snapshot: VmSnapshot): void;
  /** Writes the badge for a snapshot. */
  render(snapshot: VmSnapshot): void;
  /** Writes the meter at an elapsed simulated time. */
  renderMeter(elapsedMs: number): void;
}

/**
 * Binds the panel to its elements.
 * @param onTableChange - called after the table switches, so the page can redraw what depends on it
 */
export function createBillingPanel(onTableChange: () => void): BillingPanelView {
  const priceInput = byId<HTMLInputElement>('price');
  let table: BillingTable = 'seed-2018';
  let pricePerHour = Number(priceInput.value) || 0;
  const newMeters = (): Record<BillingTable, BillingMeter> => ({
    'seed-2018': createBillingMeter({ table: 'seed-2018', pricePerHour }),
    'azure-2023': createBillingMeter({ table: 'azure-2023', pricePerHour }),
  });
  let meters = newMeters();

  const group = byId('tables');
  for (const option of ['seed-2018', 'azure-2023'] as const) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.table = option;
    button.textContent = BILLING_BY_TABLE[option];
    button.setAttribute('aria-pressed', String(option === table));
    button.addEventListener('click', () => {
      table = option;
      for (const other of group.querySelectorAll('button')) other.setAttribute('aria-pressed', String(other.dataset.table === table));
      onTableChange();
    });
    group.append(button);
  }
  let lastElapsed = 0;
  const panel: BillingPanelView = {
    reset() {
      meters = newMeters();
    },
    observe(snapshot) {
      meters['seed-2018'].observe(snapshot);
      meters['azure-2023'].observe(snapshot);
    },
    render(snapshot) {
      const billing = billingPanel(snapshot, table);
      const badge = byId('billing-badge');
      setText(badge, billing.text);
      setAttribute(badge, 'data-state', billing.state);
      setAttribute(byId('billing'), 'data-state', billing.state);
      setText(byId('billing-table'), `per ${billing.tableTitle}`);
      setText(byId('billing-reason'), billing.reason);
    },
    renderMeter(elapsedMs) {
      lastElapsed = elapsedMs;
      setText(byId('meter'), meterText(meters[table].read(Math.max(0, elapsedMs)), pricePerHour));
    },
  };
  priceInput.addEventListener('input', () => {
    const value = Number(priceInput.value);
    if (!Number.isFinite(value) || value < 0) return;
    pricePerHour = value;
    for (const meter of Object.values(meters)) meter.setPricePerHour(value);
    panel.renderMeter(lastElapsed);
  });
  return panel;
}
