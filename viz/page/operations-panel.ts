/**
 * The operations panel: a button per operation (from `controls.ts`), and the alert that shows
 * Azure's answer when a refused one is clicked instead of sending it.
 */
import type { VmEvent, VmSnapshot } from 'azure-vm-lifecycle';
import { operationControls, refusalText, type OperationControl } from './controls.js';
import { byId, setAttribute } from './page-dom.js';
import type { LogKind } from './vm-log.js';

/** What the panel needs from the page. */
export interface OperationsHost {
  /** The VM's snapshot now. */
  snapshot(): VmSnapshot;
  /** Sends an event to the VM, logged under `name`. */
  sendEvent(event: VmEvent, name: string): void;
  /** Writes a line in the log. */
  log(kind: LogKind, text: string): void;
}

/** The operations panel. */
export interface OperationsPanel {
  /** Updates every button for a snapshot. */
  render(snapshot: VmSnapshot): void;
  /** Sends an allowed control's event; for a refused one, shows and logs Azure's answer instead. */
  send(control: OperationControl): void;
  /** Clears the alert. */
  clearAlert(): void;
}

/** Binds the panel to `#operations` and `#rejection`. */
export function createOperationsPanel(host: OperationsHost): OperationsPanel {
  const container = byId('operations');
  const alert = byId('rejection');
  const buttons = new Map<string, HTMLButtonElement>();

  const panel: OperationsPanel = {
    send(control) {
      if (!control.allowed && control.refusal) {
        // Not sent: Azure would refuse it, so the page shows the answer instead.
        alert.textContent = refusalText(control.refusal);
        alert.className = control.refusal.kind === 'ignored' ? 'alert info' : 'alert';
        host.log(control.refusal.kind === 'ignored' ? 'ignored' : 'rejected', `${control.operation} not sent — ${refusalText(control.refusal)}`);
        return;
      }
      alert.textContent = '';
      host.sendEvent(control.event, control.operation);
    },
    clearAlert() {
      alert.textContent = '';
    },
    render(snapshot) {
      for (const control of operationControls(snapshot)) {
        let button = buttons.get(control.key);
        if (!button) {
          button = document.createElement('button');
          button.type = 'button';
          button.dataset.operation = control.key;
          button.dataset.source = control.source;
          button.textContent = control.label;
          button.addEventListener('click', () => {
            // Read the controls at click time: the snapshot may have moved on since rendering.
            const current = operationControls(host.snapshot()).find((candidate) => candidate.key === control.key);
            if (current) panel.send(current);
          });
          container.append(button);
          buttons.set(control.key, button);
        }
        setAttribute(button, 'aria-label', control.accessibleName);
        // aria-disabled, not disabled: the button stays focusable and clickable to explain itself.
        setAttribute(button, 'aria-disabled', String(!control.allowed));
        setAttribute(button, 'title', control.refusal ? refusalText(control.refusal) : control.accessibleName);
      }
    },
  };
  return panel;
}
