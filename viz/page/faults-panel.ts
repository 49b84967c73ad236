/**
 * Fault injection: arm any of Azure's fault codes for the next operation it applies to, or clear
 * them; the armed queue is shown beside.
 */
import { FAULT_CODES, isFaultCode, type VmEvent, type VmSnapshot } from 'azure-vm-lifecycle';
import type { Translator } from './i18n/index.js';
import { byId, setText } from './page-dom.js';

/**
 * Binds the controls; returns the render function of the armed queue.
 * @param sendEvent - sends an event to the VM
 */
export function createFaultsPanel(sendEvent: (event: VmEvent) => void): (snapshot: VmSnapshot, t: Translator) => void {
  const select = byId<HTMLSelectElement>('fault');
  for (const code of FAULT_CODES) select.append(new Option(code, code));
  byId('arm').addEventListener('click', () => {
    const code = select.value;
    if (isFaultCode(code)) sendEvent({ type: 'fault.arm', code });
  });
  byId('clear-faults').addEventListener('click', () => sendEvent({ type: 'fault.clear' }));
  const armed = byId('faults');
  return (snapshot, t) => setText(armed, snapshot.context.faults.length > 0 ? snapshot.context.faults.join(', ') : t('faults.none'));
}
