/**
 * What every browser test file of the VM page shares: build the page once, serve it, launch
 * Chromium, and open the page ready to use, collecting page errors and the scripts requested.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.js';
import { buildPage, servePage, TEST_PAGE_DIR, type PageServer } from './page-server.js';

/** The page opener a test file gets from {@link useVmPage}. */
export interface VmPageHarness {
  /** Opens the built page with a query (e.g. `?speed=instant`) and waits until its chart is drawn. */
  open(query?: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** Opens the built page from disk (`file://…/index.html`), waiting for nothing. */
  openFromDisk(query?: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** Uncaught errors of every page opened so far. */
  readonly errors: string[];
  /** The JavaScript paths a page requested, its workers' included. */
  scriptsOf(page: Page): string[];
}

/** Options of {@link useVmPage}. */
export interface VmPageOptions {
  /**
   * The chart view every opened page asks for unless its query names one (`view=`): `full` by
   * default, for tests of the whole machine; `null` opens the page's own default (the lesson).
   */
  view?: 'full' | 'lesson' | null;
}

/** Adds `view=` to a query that names none. */
function withView(query: string, view: VmPageOptions['view']): string {
  if (!view || /[?&]view=/.test(query)) return query;
  return `${query}${query.includes('?') ? '&' : '?'}view=${view}`;
}

/** Registers the file's `beforeAll`/`afterAll` and returns the page opener. */
export function useVmPage(options: VmPageOptions = {}): VmPageHarness {
  const view = options.view === undefined ? 'full' : options.view;
  let browser: Browser;
  let server: PageServer;
  const errors: string[] = [];
  const scripts = new WeakMap<Page, string[]>();

  beforeAll(async () => {
    await buildPage();
    server = await servePage(TEST_PAGE_DIR);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  return {
    errors,
    scriptsOf: (page) => scripts.get(page) ?? [],
    async openFromDisk(query = '', viewport = { width: 1280, height: 800 }) {
      const opened = await browser.newPage({ viewport });
      opened.on('pageerror', (error) => errors.push(String(error)));
      await opened.goto(`${pathToFileURL(join(TEST_PAGE_DIR, 'index.html')).href}${withView(query, view)}`);
      return opened;
    },
    async open(query = '', viewport = { width: 1600, height: 1000 }) {
      const opened = await browser.newPage({ viewport });
      opened.on('pageerror', (error) => errors.push(String(error)));
      const requested: string[] = [];
      scripts.set(opened, requested);
      opened.context().on('request', (request) => {
        if (request.url().endsWith('.js')) requested.push(new URL(request.url()).pathname);
      });
      await opened.goto(`${server.url}index.html${withView(query, view)}`);
      await opened.waitForFunction(() => window.vmPage !== undefined);
      await opened.evaluate(() => window.vmPage?.ready);
      return opened;
    },
  };
}
