/**
 * The operation buttons of the VM page as data: for a snapshot, every operation the machine
 * accepts, labelled the way Azure users know it, whether Azure would accept it now, and if not,
 * what Azure would answer. Pure: the page renders the list and sends `event` when `allowed`.
 */
import { checkOperation, explainIgnored, type OperationRejection, type VmEvent, type VmOperationEvent, type VmSnapshot } from 'azure-vm-lifecycle';
import { translator, type Message, type StringKey, type Translator } from './i18n/index.js';
import { ignoredReason } from './vm-words.js';

/**
 * Why a control does nothing now.
 * - `rejected`: Azure refuses the REST call (409 `OperationNotAllowed`, or 404 once the VM is gone)
 * - `ignored`: a guest or platform event that has no effect in this state, and why
 */
export type Refusal = { kind: 'rejected'; rejection: OperationRejection } | { kind: 'ignored'; reason: string; message: Message };

/** One operation button. */
export interface OperationControl {
  /** A stable key, also the button's `data-operation`. */
  key: string;
  /** The visible label, in the words of the portal and the CLI. */
  label: string;
  /** The accessible name: the label with the REST operation or event name. */
  accessibleName: string;
  /** The REST operation or event name, e.g. `powerOff` or `guest.shutdown`. */
  operation: string;
  /** What the button sends. */
  event: VmEvent;
  /** Whether the machine takes the event now. */
  allowed: boolean;
  /** Why not, when not allowed. */
  refusal: Refusal | null;
  /** Who speaks: the Azure API, the guest OS or the platform. */
  source: 'api' | 'guest' | 'platform';
}

interface ControlSpec {
  key: string;
  label: StringKey;
  /** The CLI or portal equivalent, appended to the accessible name. */
  hint?: string;
  event: VmEvent;
}

const API_CONTROLS: readonly (ControlSpec & { event: VmOperationEvent })[] = [
  { key: 'start', label: 'operation.start', hint: 'az vm start', event: { type: 'vm.start' } },
  { key: 'powerOff', label: 'operation.powerOff', hint: 'az vm stop', event: { type: 'vm.powerOff' } },
  { key: 'deallocate', label: 'operation.deallocate', hint: 'az vm deallocate', event: { type: 'vm.deallocate' } },
  { key: 'hibernate', label: 'operation.hibernate', hint: 'az vm deallocate --hibernate true', event: { type: 'vm.deallocate', hibernate: true } },
  { key: 'restart', label: 'operation.restart', hint: 'az vm restart', event: { type: 'vm.restart' } },
  { key: 'redeploy', label: 'operation.redeploy', hint: 'az vm redeploy', event: { type: 'vm.redeploy' } },
  { key: 'reapply', label: 'operation.reapply', hint: 'az vm reapply', event: { type: 'vm.reapply' } },
  { key: 'update', label: 'operation.update', hint: 'az vm update', event: { type: 'vm.update' } },
  { key: 'reimage', label: 'operation.reimage', hint: 'az vm reimage', event: { type: 'vm.reimage' } },
  { key: 'generalize', label: 'operation.generalize', hint: 'az vm generalize', event: { type: 'vm.generalize' } },
  { key: 'delete', label: 'operation.delete', hint: 'az vm delete', event: { type: 'vm.delete' } },
  { key: 'simulateEviction', label: 'operation.simulateEviction', hint: 'az vm simulate-eviction', event: { type: 'vm.simulateEviction' } },
];

const OTHER_CONTROLS: readonly (ControlSpec & { source: 'guest' | 'platform' })[] = [
  { key: 'guestShutdown', label: 'operation.guestShutdown', event: { type: 'guest.shutdown' }, source: 'guest' },
  { key: 'platformEvict', label: 'operation.platformEvict', event: { type: 'platform.evict' }, source: 'platform' },
];

/** The REST name of an operation event, with its flag: `deallocate (hibernate)`. */
function restName(event: VmOperationEvent): string {
  const name = event.type.slice('vm.'.length);
  return event.type === 'vm.deallocate' && event.hibernate ? `${name} (hibernate)` : name;
}

const ENGLISH = translator('en');

/** HTTP's reason phrases for the statuses Azure refuses with. */
const REASON_PHRASES: Readonly<Record<number, string>> = { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict' };

/**
 * Every operation button for a snapshot, in the order the page shows them: the REST operations,
 * then the guest's and the platform's events, labelled in the translator's language (English by
 * default); the REST names and CLI commands stay as Azure writes them.
 * @example
 * operationControls(actor.getSnapshot()).find((c) => c.key === 'restart');
 * // { label: 'Restart', allowed: false, refusal: { kind: 'rejected', rejection: { status: 409, … } }, … }
 */
export function operationControls(snapshot: VmSnapshot, t: Translator = ENGLISH): OperationControl[] {
  const api = API_CONTROLS.map((spec): OperationControl => {
    const rejection = checkOperation(snapshot, spec.event);
    const operation = restName(spec.event);
    const label = t(spec.label);
    return {
      key: spec.key,
      label,
      // Starts with the visible label (so speech input finds it), then the REST name.
      accessibleName: `${label} — ${operation}${spec.hint && !label.includes(spec.hint) ? ` (${spec.hint})` : ''}`,
      operation,
      event: spec.event,
      allowed: rejection === null,
      refusal: rejection ? { kind: 'rejected', rejection } : null,
      source: 'api',
    };
  });
  const others = OTHER_CONTROLS.map((spec): OperationControl => {
    const reason = explainIgnored(snapshot, spec.event);
    const label = t(spec.label);
    return {
      key: spec.key,
      label,
      accessibleName: `${label} — ${spec.event.type}`,
      operation: spec.event.type,
      event: spec.event,
      allowed: reason === null,
      refusal: reason === null ? null : { kind: 'ignored', reason, message: ignoredReason(snapshot, spec.event) ?? { key: 'ignored.other', params: { reason } } },
      source: spec.source,
    };
  });
  return [...api, ...others];
}

/**
 * The text the alert shows for a refusal: Azure's HTTP status, code and message as Azure writes
 * them; for an ignored event, why, in the translator's language.
 */
export function refusalText(refusal: Refusal, t: Translator = ENGLISH): string {
  if (refusal.kind === 'ignored') return t('refusal.ignored', { reason: refusal.message });
  const { status, code, message } = refusal.rejection;
  return `${status} ${REASON_PHRASES[status] ?? ''} — ${code}: ${message}`;
}
