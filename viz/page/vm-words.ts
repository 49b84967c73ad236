/**
 * What the page says about a VM, as messages of the string tables: state names, the status line
 * a screen reader announces, why compute is or is not billed, why a guest or platform event has
 * no effect. The decisions stay the package's (`vmStateOf`, `billingOf`, `explainIgnored`); this
 * module only words them, so every language says the same thing. Pure.
 */
import { explainIgnored, vmStateOf, type BillingTable, type VmEvent, type VmSnapshot, type VmStateSummary } from 'azure-vm-lifecycle';
import { billingOf, type MeterReading } from 'azure-vm-lifecycle/billing';
import { message, type Language, type Message } from './i18n/index.js';
import { formatDuration } from './vm-connect.js';

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

/**
 * A meter reading in words: billed time of the total and the cost at the price per hour, the
 * decimal separator the language's (`$0.7701`, `$0,7701`).
 */
export function meterWords(reading: MeterReading, pricePerHour: number, language: Language = 'en', currency = '$'): Message {
  const cost = ((reading.billedMs / 3_600_000) * pricePerHour).toFixed(4);
  return message('meter.reading', {
    billed: formatDuration(reading.billedMs),
    total: formatDuration(reading.totalMs),
    cost: `${currency}${language === 'en' ? cost : cost.replace('.', ',')}`,
  });
}

/** The VM in one line: name, resource group, image, OS, priority, hibernation. */
export function summaryWords(snapshot: VmSnapshot): Message {
  const { settings } = snapshot.context;
  return message('summary.line', {
    name: settings.name,
    resourceGroup: settings.resourceGroup,
    image: settings.image,
    osType: settings.osType,
    priority: settings.priority,
    hibernation: settings.hibernationEnabled ? message('summary.hibernation') : '',
  });
}
