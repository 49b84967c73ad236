/**
 * The page's languages: one string table per language (`en.ts`, `nl.ts`), a message type that
 * names a key and its parameters, and the function that turns a message into words. A third
 * language is one file of the same keys, listed in {@link LANGUAGES}.
 */
import { en, type StringKey, type StringTable } from './en.js';
import { nl } from './nl.js';

export type { StringKey, StringTable } from './en.js';

/** Every language the page speaks, by its BCP 47 code; the first is the fallback. */
export const LANGUAGES = { en, nl } as const satisfies Record<string, StringTable>;

/** A language code of {@link LANGUAGES}. */
export type Language = keyof typeof LANGUAGES;

/** The codes of {@link LANGUAGES}, in order. */
export const LANGUAGE_CODES = Object.keys(LANGUAGES) as Language[];

/**
 * Words to show: a key of the tables and its parameters. A parameter is shown as is (a number,
 * or a string such as a status code Azure writes), or is itself a message, translated too.
 */
export interface Message {
  /** The key in the string tables. */
  key: StringKey;
  /** The values of the key's `{placeholders}`. */
  params?: Readonly<Record<string, MessageParam>>;
}

/** A value of a message's placeholder: shown verbatim, or translated when it is a message. */
export type MessageParam = string | number | Message;

/** Builds a message. */
export function message(key: StringKey, params?: Readonly<Record<string, MessageParam>>): Message {
  return params ? { key, params } : { key };
}

/** Whether a string is one of the page's language codes. */
export function isLanguage(code: unknown): code is Language {
  return typeof code === 'string' && Object.hasOwn(LANGUAGES, code);
}

/**
 * The language to show: `?lang=` when it names one, else the first of the browser's languages
 * the page speaks, else English. `unknown` is set when `?lang=` names a language the page lacks,
 * so the page can say so.
 * @example
 * chooseLanguage('nl', ['en-US']); // { language: 'nl' }
 * chooseLanguage(null, ['nl-BE', 'en']); // { language: 'nl' }
 * chooseLanguage('fr', ['en']); // { language: 'en', unknown: 'fr' }
 */
export function chooseLanguage(requested: string | null, preferred: readonly string[] = []): { language: Language; unknown?: string } {
  if (requested !== null && isLanguage(requested)) return { language: requested };
  const fromBrowser = preferred.map((tag) => tag.toLowerCase().split('-')[0]).find(isLanguage) ?? 'en';
  return requested === null ? { language: fromBrowser } : { language: fromBrowser, unknown: requested };
}

/** Turns messages into words of one language. */
export interface Translator {
  /** The language. */
  readonly language: Language;
  /** The words of a key, its placeholders filled in. */
  (key: StringKey, params?: Readonly<Record<string, MessageParam>>): string;
  /** The words of a message. */
  text(message: Message): string;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * A translator for a language. A placeholder without a value stays as `{name}`, so a missing
 * parameter shows on the page instead of vanishing.
 * @example
 * const t = translator('nl');
 * t('power.running'); // 'wordt uitgevoerd'
 * t.text(message('log.accepted', { operation: 'powerOff' })); // 'powerOff geaccepteerd'
 */
export function translator(language: Language): Translator {
  const table: StringTable = LANGUAGES[language];
  const fill = (key: StringKey, params?: Readonly<Record<string, MessageParam>>): string =>
    table[key].replace(PLACEHOLDER, (whole, name: string) => {
      const value = params?.[name];
      if (value === undefined) return whole;
      return typeof value === 'object' ? fill(value.key, value.params) : String(value);
    });
  const translate = ((key: StringKey, params?: Readonly<Record<string, MessageParam>>) => fill(key, params)) as Translator;
  Object.defineProperty(translate, 'language', { value: language });
  translate.text = (shown) => fill(shown.key, shown.params);
  return translate;
}

/** The `{placeholders}` of a string, sorted: the same in every language for one key. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '').sort();
}

/** The English table, the reference every other language follows. */
export const REFERENCE_TABLE: StringTable = en;

/**
 * The words of a key built at run time (from a machine's state or event names), or `undefined`
 * when the language's table has no such key, so the caller can show the name itself instead.
 * @example
 * lookup('nl', 'lesson.event.vm.start'); // 'Starten'
 * lookup('nl', 'lesson.event.vm.teleport'); // undefined
 */
export function lookup(language: Language, key: string): string | undefined {
  const table: Readonly<Record<string, string>> = LANGUAGES[language];
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
