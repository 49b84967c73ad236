import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELDS, newVmInput } from '../viz/page/new-vm-form.js';

describe('the New VM form', () => {
  it('turns its fields into the VM input', () => {
    expect(newVmInput({ ...DEFAULT_FIELDS, name: 'web-1', spot: true, evictionPolicy: 'Delete' })).toEqual({
      ok: true,
      input: { name: 'web-1', image: 'generalized', osType: 'Linux', hibernationEnabled: false, priority: 'Spot', evictionPolicy: 'Delete' },
    });
  });

  it('shows validateInput\'s message next to the name', () => {
    const result = newVmInput({ ...DEFAULT_FIELDS, name: 'a-very-long-windows-name', osType: 'Windows' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.field).toBe('name');
    expect(result.message).toMatch(/^Invalid VM input 'name'/);
  });

  it('refuses hibernation for a Spot VM, as Azure does', () => {
    const result = newVmInput({ ...DEFAULT_FIELDS, spot: true, hibernationEnabled: true });
    expect(result).toMatchObject({ ok: false, field: 'hibernationEnabled' });
  });
});
