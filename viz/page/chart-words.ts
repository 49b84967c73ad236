/**
 * The words of the chart's lesson view in the page's languages: the states and operations as
 * Azure's documentation names them, and each power state's billed mark. A state or operation the
 * tables lack shows its own name (the event type, say), so a missing word is visible, not blank.
 */
import { type BillingTable, type PowerState } from 'azure-vm-lifecycle';
import { BILLING_TABLES } from 'azure-vm-lifecycle/billing';
import type { LessonGraphOptions } from 'azure-vm-lifecycle/viz';
import { lookup, translator, type Language } from './i18n/index.js';

const POWER_PREFIX = 'vm.exists.power.';

/** The table key of a lesson state's name. */
export const lessonStateKey = (lessonId: string): string => `lesson.state.${lessonId}`;

/** The table key of an operation's words (its transition's `meta.operation`, else its event type). */
export const lessonEventKey = (operation: string): string => `lesson.event.${operation}`;

/**
 * The lesson options of the VM page: names and operation words in `language`, and under each
 * power state whether compute is billed there per `table`.
 * @example
 * toLessonGraph(toChartGraph(vmMachine), lessonWords('nl', 'seed-2018'));
 */
export function lessonWords(language: Language, table: BillingTable): LessonGraphOptions {
  const t = translator(language);
  return {
    stateName: (id) => lookup(language, lessonStateKey(id)),
    stateNote: (id) => {
      if (!id.startsWith(POWER_PREFIX)) return undefined;
      const billed = BILLING_TABLES[table][id.slice(POWER_PREFIX.length) as PowerState];
      if (billed === undefined) return undefined;
      return t(billed === null ? 'billing.unknown' : billed ? 'billing.billed' : 'billing.notBilled');
    },
    eventName: (key) => lookup(language, lessonEventKey(key)),
  };
}
