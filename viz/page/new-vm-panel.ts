/**
 * The "New VM" form, in a dialog opened from the header: reads its fields, shows
 * `validateInput`'s message next to the field at fault, and hands valid input to the page.
 */
import type { VmInput } from 'azure-vm-lifecycle';
import { DEFAULT_FIELDS, newVmInput, type NewVmFields } from './new-vm-form.js';
import { byId } from './page-dom.js';

function readFields(form: HTMLFormElement): NewVmFields {
  const data = new FormData(form);
  const text = (name: string, fallback: string): string => {
    const value = data.get(name);
    return typeof value === 'string' ? value : fallback;
  };
  return {
    name: text('name', DEFAULT_FIELDS.name),
    image: text('image', DEFAULT_FIELDS.image) === 'specialized' ? 'specialized' : 'generalized',
    osType: text('osType', DEFAULT_FIELDS.osType) === 'Windows' ? 'Windows' : 'Linux',
    hibernationEnabled: data.get('hibernationEnabled') !== null,
    spot: data.get('spot') !== null,
    evictionPolicy: text('evictionPolicy', DEFAULT_FIELDS.evictionPolicy) === 'Delete' ? 'Delete' : 'Deallocate',
  };
}

/** Binds the dialog and its form; `create` receives valid input on submit. */
export function setupNewVmPanel(create: (input: VmInput) => void): void {
  const dialog = byId<HTMLDialogElement>('new-vm-dialog');
  const form = byId<HTMLFormElement>('new-vm');
  // A modal dialog: focus moves to its first field, Escape closes it, focus returns to the opener.
  byId('new-vm-open').addEventListener('click', () => dialog.showModal());
  byId('new-vm-cancel').addEventListener('click', () => dialog.close());
  const nameError = byId('vm-name-error');
  const formError = byId('vm-form-error');
  const nameInput = byId<HTMLInputElement>('vm-name');
  const check = (): ReturnType<typeof newVmInput> => {
    const result = newVmInput(readFields(form));
    nameError.textContent = !result.ok && result.field === 'name' ? result.message : '';
    formError.textContent = !result.ok && result.field !== 'name' ? result.message : '';
    nameInput.setAttribute('aria-invalid', String(!result.ok && result.field === 'name'));
    return result;
  };
  form.addEventListener('input', () => check());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const result = check();
    if (!result.ok) {
      (result.field === 'name' ? nameInput : byId<HTMLButtonElement>('create-vm')).focus();
      return;
    }
    create(result.input);
    dialog.close();
  });
}
