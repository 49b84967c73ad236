/**
 * The body of `PUT …/virtualMachines/{vm}` (Azure's `VirtualMachine` JSON) read as the VM's
 * input, checked in full before any actor exists: a bad body is ARM's 400 naming the property,
 * never a crashed process.
 */
import { SPOT_ERRORS, validateInput, VmInputError, type VmInput } from '../machines/index.js';
import { ArmError, invalidContent } from './arm-error.js';

// Where each input option sits in Azure's VirtualMachine JSON (the error's `target`).
const TARGETS: Record<string, string> = {
  name: 'name',
  resourceGroup: 'resourceGroupName',
  image: 'properties.storageProfile',
  osType: 'properties.storageProfile.osDisk.osType',
  hibernationEnabled: 'properties.additionalCapabilities.hibernationEnabled',
  priority: 'properties.priority',
  evictionPolicy: 'properties.evictionPolicy',
  maxPrice: 'properties.billingProfile.maxPrice',
  vmSize: 'properties.hardwareProfile.vmSize',
  location: 'location',
  tags: 'tags',
  subscriptionId: 'subscriptionId',
};

type Json = Record<string, unknown>;

function objectAt(value: unknown, path: string): Json | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidContent(`'${path}' must be a JSON object.`, path);
  return value as Json;
}

function stringAt(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidContent(`'${path}' must be a string.`, path);
  return value;
}

/**
 * Reads a create body. The image kind follows Azure's rule for `osProfile`: a VM created from a
 * generalized image must have one (its guest OS sets up from it), a specialized one must not.
 * The OS type is `storageProfile.osDisk.osType`, else Windows when `osProfile.windowsConfiguration`
 * is given, else Linux.
 * @throws ArmError 400 naming the property at fault
 */
export function readCreateBody(body: unknown, vmName: string, resourceGroup: string): VmInput {
  const root = objectAt(body, 'body');
  if (!root) throw invalidContent('the body must be a VirtualMachine JSON object with a location.');
  const location = stringAt(root.location, 'location');
  if (!location) throw new ArmError(400, 'LocationRequired', 'The location property is required for this definition.', 'location');
  const tags = objectAt(root.tags, 'tags');
  const properties = objectAt(root.properties, 'properties') ?? {};
  const hardware = objectAt(properties.hardwareProfile, 'properties.hardwareProfile');
  const billing = objectAt(properties.billingProfile, 'properties.billingProfile');
  const storage = objectAt(properties.storageProfile, 'properties.storageProfile');
  const osDisk = objectAt(storage?.osDisk, 'properties.storageProfile.osDisk');
  const osProfile = objectAt(properties.osProfile, 'properties.osProfile');
  const capabilities = objectAt(properties.additionalCapabilities, 'properties.additionalCapabilities');
  const createOption = stringAt(osDisk?.createOption, 'properties.storageProfile.osDisk.createOption');

  const input: VmInput = {
    name: vmName,
    resourceGroup,
    image: osProfile && createOption?.toLowerCase() !== 'attach' ? 'generalized' : 'specialized',
    location,
  };
  if (tags) input.tags = tags as Record<string, string>;
  const vmSize = stringAt(hardware?.vmSize, 'properties.hardwareProfile.vmSize');
  if (vmSize !== undefined) input.vmSize = vmSize;
  if (billing?.maxPrice !== undefined && billing.maxPrice !== null) input.maxPrice = billing.maxPrice as number;
  const osType = osDisk?.osType ?? (osProfile?.windowsConfiguration ? 'Windows' : undefined);
  if (osType !== undefined) input.osType = osType as VmInput['osType'];
  if (capabilities?.hibernationEnabled !== undefined) input.hibernationEnabled = capabilities.hibernationEnabled as boolean;
  if (properties.priority !== undefined) input.priority = properties.priority as VmInput['priority'];
  if (properties.evictionPolicy !== undefined) input.evictionPolicy = properties.evictionPolicy as VmInput['evictionPolicy'];
  checkInput(input);
  return input;
}

/**
 * Validates input as the machine would, answering ARM's 400 instead of throwing VmInputError:
 * `InvalidResourceName` for the name, Azure's own code and message for the Spot errors the
 * machine names, `InvalidParameter` otherwise, with the property at fault as `target`.
 */
export function checkInput(input: VmInput): void {
  try {
    validateInput(input);
  } catch (error) {
    if (!(error instanceof VmInputError)) throw error;
    const top = error.option.split('.')[0]!;
    const target = TARGETS[error.option] ?? (top === 'tags' ? error.option : (TARGETS[top] ?? error.option));
    if (error.option === 'name') throw new ArmError(400, 'InvalidResourceName', error.message, target);
    const spot = Object.values(SPOT_ERRORS).find((known) => error.accepted.includes(`Azure: ${known.code},`));
    if (spot) throw new ArmError(400, spot.code, spot.message, target);
    throw new ArmError(400, 'InvalidParameter', error.message, target);
  }
}
