/**
 * The operations history table, rebuilt only when the history or the operation in progress changes.
 */
import type { VmSnapshot } from 'azure-vm-lifecycle';
import { byId } from './page-dom.js';
import { operationRows } from './vm-connect.js';

/** Returns the panel's render function, bound to `#history`. */
export function createHistoryPanel(): (snapshot: VmSnapshot) => void {
  let shown: { history: unknown; operation: unknown } | undefined;
  return (snapshot) => {
    const { history, operation } = snapshot.context;
    if (shown?.history === history && shown.operation === operation) return;
    shown = { history, operation };
    const rows = operationRows(snapshot).map((row) => {
      const tr = document.createElement('tr');
      tr.dataset.operationId = row.id;
      const cells = [row.name, row.status, row.startTime.slice(11, 19), row.endTime?.slice(11, 19) ?? '—'];
      cells.forEach((text, index) => {
        const td = document.createElement('td');
        td.textContent = text;
        if (index === 2) td.title = row.startTime;
        if (index === 3 && row.endTime) td.title = row.endTime;
        if (index === 1) {
          td.className = 'status';
          td.dataset.status = row.status;
          if (row.error) td.title = row.error;
        }
        if (index >= 2) td.className = 'when';
        tr.append(td);
      });
      return tr;
    });
    byId('history').replaceChildren(...rows);
  };
}
