/**
 * Element lookup and minimal writes for the VM page, and the short names its billing-table
 * switch shows.
 */
import type { BillingTable } from 'azure-vm-lifecycle';

/**
 * The element with this id; throws when the page's HTML lacks it, so a renamed id fails loudly.
 */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no element #${id}`);
  return element as T;
}

/** Writes only what changed: an unchanged write still queues mutation records and restyles. */
export function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** Sets an attribute only when its value changes. */
export function setAttribute(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

/** Keeps a choice in the page's address (`?name=value`) without a reload, so a reload or a copied link shows it too. */
export function keepInAddress(name: string, value: string): void {
  const url = new URL(location.href);
  url.searchParams.set(name, value);
  history.replaceState(history.state, '', url);
}

/** The billing-table switch's labels; the badge names the full title. */
export const BILLING_BY_TABLE: Readonly<Record<BillingTable, string>> = {
  'seed-2018': '2018 (specification)',
  'azure-2023': '2023',
};
