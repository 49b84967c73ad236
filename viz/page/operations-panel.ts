/**
 * The operations panel: a button per operation (from `controls.ts`), labelled in the page's
 * language, and the toast that shows Azure's answer when a refused one is clicked instead of
 * sending it.
 */
import type { VmEvent, VmSnapshot } from 'azure-vm-lifecycle';
import { operationControls, refusalText, type OperationControl } from './controls.js';
import { message, type Translator } from './i18n/index.js';
import type { LogLine } from './log-entries.js';
import { byId, setAttribute, setText } from './page-dom.js';
import { bindToast } from './toast.js';

/** What the panel needs from the page. */
export interface OperationsHost {
  /** The VM's snapshot shown now. */
  snapshot(): VmSnapshot;
  /** Sends an event to the VM. */
  sendEvent(event: VmEvent): void;
  /** Writes a line in the log. */
  log(line: LogLine): void;
  /** The page's language now. */
  t(): Translator;
  /** A button is hovered or focused (its control), or no longer (`null`): the chart lights its arrow. */
  hover?(control: OperationControl | null): void;
  /** The controls of a snapshot, when the page keeps them (the chart's labels read them too). */
  controls?(snapshot: VmSnapshot): OperationControl[];
}

/** The operations panel. */
export interface OperationsPanel {
  /** Updates every button for a snapshot. */
  render(snapshot: VmSnapshot): void;
  /** Sends an allowed control's event; for a refused one, shows and logs Azure's answer instead. */
  send(control: OperationControl): void;
  /** Hides the refusal. */
  clearAlert(): void;
}

/** Binds the panel to `#operations` and the refusal toast. */
export function createOperationsPanel(host: OperationsHost): OperationsPanel {
  const container = byId('operations');
  const toast = bindToast('rejection-toast', 'rejection', 'rejection-close');
  const buttons = new Map<string, HTMLButtonElement>();

  const panel: OperationsPanel = {
    send(control) {
      const t = host.t();
      if (!control.allowed && control.refusal) {
        // Not sent: Azure would refuse it, so the page shows the answer instead.
        const answer = refusalText(control.refusal, t);
        toast.show(answer, control.refusal.kind === 'ignored' ? 'info' : 'alert');
        host.log({ kind: control.refusal.kind === 'ignored' ? 'ignored' : 'rejected', message: message('log.notSent', { operation: control.operation, answer }) });
        return;
      }
      toast.hide();
      host.sendEvent(control.event);
    },
    clearAlert() {
      toast.hide();
    },
    render(snapshot) {
      const t = host.t();
      for (const control of host.controls?.(snapshot) ?? operationControls(snapshot, t)) {
        let button = buttons.get(control.key);
        if (!button) {
          button = document.createElement('button');
          button.type = 'button';
          button.dataset.operation = control.key;
          button.dataset.source = control.source;
          // Read the controls at click time: the snapshot may have moved on since rendering.
          const current = (): OperationControl | undefined => operationControls(host.snapshot(), host.t()).find((candidate) => candidate.key === control.key);
          button.addEventListener('click', () => {
            const now = current();
            if (now) panel.send(now);
          });
          const light = (): void => host.hover?.(current() ?? null);
          const unlight = (): void => host.hover?.(null);
          button.addEventListener('pointerenter', light);
          button.addEventListener('focus', light);
          button.addEventListener('pointerleave', unlight);
          button.addEventListener('blur', unlight);
          container.append(button);
          buttons.set(control.key, button);
        }
        setText(button, control.label);
        setAttribute(button, 'aria-label', control.accessibleName);
        // aria-disabled, not disabled: the button stays focusable and clickable to explain itself.
        setAttribute(button, 'aria-disabled', String(!control.allowed));
        setAttribute(button, 'title', control.refusal ? refusalText(control.refusal, t) : control.accessibleName);
      }
    },
  };
  return panel;
}
