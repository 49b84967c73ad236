/**
 * What the page says about a VM, as messages of the string tables: state names, the status line
 * a screen reader announces, why compute is or is not billed, why a guest or platform event has
 * no effect. The decisions stay the package's (`vmStateOf`, `billingOf`, `explainIgnored`); this
 * module only words them, so every language says the same thing. Pure.
 */
import { billingOf, explainIgnored, vmStateOf, type BillingTable, type VmEvent, type VmSnapshot, type VmStateSummary } from 'azure-vm-lifecycle';
import { message, type Message } from './i18n/index.js';

/** The name of a power state. */
export function powerName(state: VmStateSummary): Message {
  return message(`power.${state.power}`);
}

/** The name of the provisioning state, the OS-provisioning substate while creating from a generalized image. */
export function provisioningName(state: VmStateSummary): Message {
  return message(state.osProvisioning ? `provisioning.${state.osProvisioning}` : `provisioning.${state.provisioning}`);
}

/**
 * The line announced on each change: `Power: running · Provisioning: succeeded`, or that the VM
 * is gone.
 */
export function statusLine(snapshot: VmSnapshot): Message {
  const state = vmStateOf(snapshot);
  if (!state) return message('status.deleted');
  return message('status.line', {
    powerRegion: message('region.power'),
    power: powerName(state),
    provisioningRegion: message('region.provisioning'),
    provisioning: provisioningName(state),
  });
}

/**
 * Why compute is billed or not in the snapshot's state under a table: `billingOf`'s reason, in
 * the page's language (the English table holds `billingOf`'s sentences word for word).
 */
export function billingReason(snapshot: VmSnapshot, table: BillingTable): Message {
  const state = vmStateOf(snapshot);
  if (!state) return message('billing.reason.deleted');
  const disks = message('billing.disks');
  if (state.power === 'starting') return message(`billing.reason.starting.${table}`, { disks });
  return message(`billing.reason.${state.power}`, { disks });
}

/** The billing badge's words: billed, not billed, or unknown (as `billingOf` answers). */
export function billingBadge(snapshot: VmSnapshot, table: BillingTable): Message {
  const { billed } = billingOf(snapshot, table);
  return message(billed === null ? 'billing.unknown' : billed ? 'billing.billed' : 'billing.notBilled');
}

/**
 * Why a guest or platform event would have no effect now, or `null` when it would have one.
 * Whether it has an effect is `explainIgnored`'s answer; the words follow its cases.
 */
export function ignoredReason(snapshot: VmSnapshot, event: VmEvent): Message | null {
  const raw = explainIgnored(snapshot, event);
  if (raw === null) return null;
  const state = vmStateOf(snapshot);
  if (!state) return message('ignored.deleted');
  const power = message(`power.${state.power}`);
  const deleting = state.provisioning === 'deleting';
  if (event.type === 'guest.shutdown') {
    return state.power !== 'running' ? message('ignored.guestNotRunning', { power }) : message('ignored.guestDeleting');
  }
  if (event.type === 'platform.evict') {
    if (snapshot.context.settings.priority === 'Regular') return message('ignored.evictRegular');
    return deleting ? message('ignored.evictDeleting') : message('ignored.evictNotRunning', { power });
  }
  // A case the wording does not know yet: the package's own sentence, untranslated, beats none.
  return message('ignored.other', { reason: raw });
}
