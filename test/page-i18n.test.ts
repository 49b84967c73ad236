import { describe, expect, it } from 'vitest';
import { explainIgnored, VirtualClock, type InitialState, type Priority, type VmEvent } from 'azure-vm-lifecycle';
import { billingOf } from 'azure-vm-lifecycle/billing';
import { startVmAt } from 'azure-vm-lifecycle/parse';
import {
  chooseLanguage,
  LANGUAGE_CODES,
  LANGUAGES,
  message,
  placeholdersOf,
  REFERENCE_TABLE,
  translator,
  type StringKey,
} from '../viz/page/i18n/index.js';
import { billingReason, ignoredReason, statusLine } from '../viz/page/vm-words.js';

const en = translator('en');
const nl = translator('nl');
const referenceKeys = Object.keys(REFERENCE_TABLE).sort();

/** One VM in each state the instance view can show, Regular and Spot. */
function vmsInEveryState() {
  const states: InitialState[] = [];
  for (const power of ['starting', 'running', 'stopping', 'stopped', 'deallocating', 'deallocated', 'hibernated', 'unknown'] as const) {
    for (const provisioning of ['updating', 'deleting', 'succeeded', 'failed'] as const) states.push({ power, provisioning });
  }
  states.push({ power: 'creating', provisioning: 'creating' }, { power: 'running', provisioning: 'creating', osProvisioning: 'osProvisioningInProgress' });
  return states.flatMap((state) =>
    (['Regular', 'Spot'] as Priority[]).map((priority) => startVmAt(state, { clock: new VirtualClock(), input: { priority } })),
  );
}

describe('the page\'s languages', () => {
  it.each(LANGUAGE_CODES)('%s has every key of the English table, and no other', (code) => {
    expect(Object.keys(LANGUAGES[code]).sort()).toEqual(referenceKeys);
  });

  it.each(LANGUAGE_CODES)('%s says something for every key, with the same placeholders as English', (code) => {
    const table = LANGUAGES[code];
    for (const key of referenceKeys as StringKey[]) {
      if (REFERENCE_TABLE[key] !== '') expect(table[key], key).not.toBe('');
      expect(placeholdersOf(table[key]), key).toEqual(placeholdersOf(REFERENCE_TABLE[key]));
    }
  });

  it('speaks Dutch with the specification\'s own terms for the power states and billing', () => {
    // "Levens cyclus en statussen van virtuele machines" (the Dutch specification).
    const capitalised = (key: StringKey) => nl(key).charAt(0).toUpperCase() + nl(key).slice(1);
    expect(['power.starting', 'power.running', 'power.stopping', 'power.stopped', 'power.deallocating', 'power.deallocated'].map((key) => capitalised(key as StringKey))).toEqual([
      'Starten',
      'Wordt uitgevoerd',
      'Stoppen',
      'Gestopt',
      'Vrijgeven',
      'Toewijzing ongedaan gemaakt',
    ]);
    expect([nl('billing.billed'), nl('billing.notBilled')]).toEqual(['Gefactureerd', 'Niet gefactureerd']);
    expect(['provisioning.creating', 'provisioning.updating', 'provisioning.deleting', 'provisioning.succeeded', 'provisioning.failed'].map((key) => capitalised(key as StringKey))).toEqual(['Maken', 'Bijwerken', 'Verwijderen', 'Geslaagd', 'Mislukt']);
  });

  it('chooses ?lang= first, then the browser\'s languages, then English, and names an unknown ?lang=', () => {
    expect(chooseLanguage('nl', ['en-US'])).toEqual({ language: 'nl' });
    expect(chooseLanguage(null, ['fr-FR', 'nl-BE', 'en'])).toEqual({ language: 'nl' });
    expect(chooseLanguage(null, ['fr-FR'])).toEqual({ language: 'en' });
    expect(chooseLanguage('xx', ['nl'])).toEqual({ language: 'nl', unknown: 'xx' });
    expect(chooseLanguage('toString', [])).toEqual({ language: 'en', unknown: 'toString' });
  });

  it('fills placeholders, translating a message given as a parameter, and shows a missing one as it is', () => {
    expect(nl.text(message('log.state', { region: message('region.power'), from: message('power.running'), to: 'x' }))).toBe(
      'Energie: wordt uitgevoerd → x',
    );
    expect(en('log.accepted')).toBe('{operation} accepted');
    expect(en.language).toBe('en');
  });
});

describe('the page\'s words for what the package decides', () => {
  it('are the package\'s own sentences in English: why compute is billed or not, in every state, by both tables', () => {
    for (const vm of vmsInEveryState()) {
      for (const table of ['seed-2018', 'azure-2023'] as const) {
        expect(en.text(billingReason(vm.getSnapshot(), table))).toBe(billingOf(vm.getSnapshot(), table).reason);
      }
    }
  });

  it('are the package\'s own sentences in English: why a guest or platform event has no effect', () => {
    const events: VmEvent[] = [{ type: 'guest.shutdown' }, { type: 'platform.evict' }];
    let explained = 0;
    for (const vm of vmsInEveryState()) {
      for (const event of events) {
        const reason = explainIgnored(vm.getSnapshot(), event);
        const worded = ignoredReason(vm.getSnapshot(), event);
        expect(worded === null ? null : en.text(worded)).toBe(reason);
        if (reason) explained += 1;
      }
    }
    expect(explained).toBeGreaterThan(20);
  });

  it('announce both regions: "Power: running · Provisioning: succeeded", in Dutch too', () => {
    const vm = startVmAt({ power: 'running', provisioning: 'succeeded' }, { clock: new VirtualClock() });
    expect(en.text(statusLine(vm.getSnapshot()))).toBe('Power: running · Provisioning: succeeded');
    expect(nl.text(statusLine(vm.getSnapshot()))).toBe('Energie: wordt uitgevoerd · Inrichting: geslaagd');
    const booting = startVmAt({ power: 'running', provisioning: 'creating', osProvisioning: 'osProvisioningInProgress' }, { clock: new VirtualClock() });
    expect(en.text(statusLine(booting.getSnapshot()))).toBe('Power: running · Provisioning: OS provisioning in progress');
  });
});
