/**
 * The "New VM" form as data: the fields a person fills in, turned into the VM's input and checked
 * with the package's own `validateInput`, so the page shows exactly the error an API user gets.
 */
import { validateInput, VmInputError, type EvictionPolicy, type ImageKind, type OsType, type VmInput } from 'azure-vm-lifecycle';

/** What the form holds. */
export interface NewVmFields {
  /** The VM's name. */
  name: string;
  /** How the image was prepared. */
  image: ImageKind;
  /** The guest OS family. */
  osType: OsType;
  /** Whether the VM is created with hibernation enabled. */
  hibernationEnabled: boolean;
  /** Whether the VM is a Spot VM. */
  spot: boolean;
  /** What happens to an evicted Spot VM. */
  evictionPolicy: EvictionPolicy;
}

/** The form's starting values: Azure's defaults. */
export const DEFAULT_FIELDS: Readonly<NewVmFields> = {
  name: 'myVM',
  image: 'generalized',
  osType: 'Linux',
  hibernationEnabled: false,
  spot: false,
  evictionPolicy: 'Deallocate',
};

/**
 * The result of checking the form.
 * - `ok`: the input to create the actor with
 * - not ok: the message of `VmInputError` and the form field it belongs to
 */
export type NewVmResult = { ok: true; input: VmInput } | { ok: false; field: keyof NewVmFields; message: string };

const FIELD_OF_OPTION: Readonly<Record<string, keyof NewVmFields>> = {
  name: 'name',
  image: 'image',
  osType: 'osType',
  hibernationEnabled: 'hibernationEnabled',
  priority: 'spot',
  evictionPolicy: 'evictionPolicy',
};

/**
 * Builds the VM input from the form and validates it.
 * @example
 * newVmInput({ ...DEFAULT_FIELDS, name: 'bad name!' });
 * // { ok: false, field: 'name', message: "Invalid VM input 'name': …" }
 */
export function newVmInput(fields: NewVmFields, extra: Omit<VmInput, keyof NewVmFields | 'priority'> = {}): NewVmResult {
  const input: VmInput = {
    ...extra,
    name: fields.name,
    image: fields.image,
    osType: fields.osType,
    hibernationEnabled: fields.hibernationEnabled,
    priority: fields.spot ? 'Spot' : 'Regular',
    ...(fields.spot ? { evictionPolicy: fields.evictionPolicy } : {}),
  };
  try {
    validateInput(input);
    return { ok: true, input };
  } catch (error) {
    if (!(error instanceof VmInputError)) throw error;
    return { ok: false, field: FIELD_OF_OPTION[error.option] ?? 'name', message: error.message };
  }
}
