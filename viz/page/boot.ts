/**
 * The page's first script: a classic script inlined into `index.html` (by
 * `viz/build/boot-plugin.ts`), run before the page's module. When the module never starts — a
 * browser that refuses scripts from `file:` URLs, a script error — it replaces "Loading…" with the
 * reason, in the page's language, instead of leaving a blank page.
 *
 * It must stand alone: the plugin inlines its source text, so it may use nothing from outside.
 */

/** The words the boot script needs, per language. */
export type BootStrings = Record<string, { 'boot.file': string; 'boot.failed': string }>;

/** Watches the page's start; `strings` come from the string tables, `waitMs` before giving up. */
export function boot(strings: BootStrings, waitMs: number): void {
  const requested = new URLSearchParams(location.search).get('lang');
  const preferred = [requested ?? '', ...(navigator.languages ?? [])].map((tag) => tag.toLowerCase().split('-')[0] ?? '');
  const language = preferred.find((code) => Object.prototype.hasOwnProperty.call(strings, code)) ?? 'en';
  const words = strings[language] ?? strings.en;
  let failed = false;
  const fail = (reason: string): void => {
    const box = document.getElementById('boot');
    if (failed || !box || !words || (window as { vmPage?: unknown }).vmPage) return;
    failed = true;
    box.textContent = `${location.protocol === 'file:' ? words['boot.file'] : words['boot.failed']}${reason ? ` (${reason})` : ''}`;
    box.className = 'boot failed';
    box.setAttribute('role', 'alert');
  };
  // Capture: a script that fails to load reports on its element, not on window.
  window.addEventListener(
    'error',
    (event) => {
      const target = event.target as { src?: string } | null;
      fail(event instanceof ErrorEvent ? event.message : (target?.src ?? ''));
    },
    true,
  );
  window.addEventListener('load', () => setTimeout(() => fail(''), waitMs));
}
