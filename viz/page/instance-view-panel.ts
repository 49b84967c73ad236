/**
 * The instance view (`GET …/instanceView`, or its 404) and the `az vm list -d` power line.
 */
import type { VmSnapshot } from 'azure-vm-lifecycle';
import { byId, setText } from './page-dom.js';
import { instanceViewPanel, powerStateLine } from './vm-connect.js';

/** Writes both for a snapshot; only what changed. */
export function renderInstanceView(snapshot: VmSnapshot): void {
  const view = instanceViewPanel(snapshot);
  setText(byId('instance-view'), view.json);
  setText(byId('instance-view-status'), view.status === 404 ? 'GET …/instanceView → 404' : 'GET …/instanceView → 200');
  setText(byId('power-state'), powerStateLine(snapshot));
}
