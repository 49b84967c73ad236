/**
 * The language switch: a button per language of the string tables; choosing one redraws the
 * page in it and keeps it in the address (`?lang=`), so a copied link opens in it too.
 */
import { LANGUAGE_CODES, LANGUAGES, type Language } from './i18n/index.js';
import { byId } from './page-dom.js';

/** Binds the switch; `change` redraws the page in the chosen language. Returns its render function. */
export function setupLanguagePanel(initial: Language, change: (language: Language) => void): (language: Language) => void {
  const group = byId('languages');
  for (const code of LANGUAGE_CODES) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.lang = code;
    button.lang = code;
    button.textContent = code.toUpperCase();
    // Each language names itself, in itself.
    button.title = LANGUAGES[code]['language.name'];
    button.setAttribute('aria-label', LANGUAGES[code]['language.name']);
    button.addEventListener('click', () => {
      const url = new URL(location.href);
      url.searchParams.set('lang', code);
      history.replaceState(history.state, '', url);
      change(code);
    });
    group.append(button);
  }
  const render = (language: Language): void => {
    for (const button of group.querySelectorAll<HTMLButtonElement>('button')) button.setAttribute('aria-pressed', String(button.dataset.lang === language));
  };
  render(initial);
  return render;
}
