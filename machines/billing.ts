/**
 * `azure-vm-lifecycle/billing`: whether a VM's compute is billed, by the two tables Microsoft has
 * published, and a meter that adds up billed time as an actor runs. A subpath of its own, so the
 * main entry stays small for those who only run VMs.
 * @packageDocumentation
 */
import { vmStateOf, type VmSnapshot } from './vm.state.js';
import type { BillingTable, PowerState } from './vm.types.js';

/** Whether compute is billed in a state, and why. */
export interface Billing {
  /** `true` billed, `false` not billed, `null` unknown (the power state is unknown). */
  billed: boolean | null;
  /** One sentence saying why, naming the table where the tables differ. */
  reason: string;
  /** The table the answer follows. */
  table: BillingTable;
}

/** The billing tables' names as people cite them. */
export const BILLING_TABLE_TITLES: Readonly<Record<BillingTable, string>> = {
  'seed-2018': '"Virtual machines lifecycle and states" (2018)',
  'azure-2023': '"States and billing status of Azure Virtual Machines" (2023)',
};

/** The 2018 specification's column (blank cells filled as the model says). */
const SEED_2018: Readonly<Record<PowerState, boolean | null>> = {
  creating: false,
  starting: false,
  running: true,
  stopping: true,
  stopped: true,
  deallocating: false,
  deallocated: false,
  hibernated: false,
  unknown: null,
};

/**
 * Billed or not, per power state, per table. Cells a table leaves blank follow the model:
 * creating is not billed, hibernated as deallocated, unknown is unknown.
 */
export const BILLING_TABLES: Readonly<Record<BillingTable, Readonly<Record<PowerState, boolean | null>>>> = {
  'seed-2018': SEED_2018,
  // The 2023 page differs from the 2018 one in a single cell: it bills a VM while it starts.
  'azure-2023': { ...SEED_2018, starting: true },
};

const DISKS = 'Disks and networking are billed separately in every state.';

const REASONS: Readonly<Record<PowerState, (table: BillingTable) => string>> = {
  creating: () => `Hardware is still being allocated; no instance runs yet. ${DISKS}`,
  starting: (table) =>
    table === 'seed-2018'
      ? `The 2018 table does not bill a booting VM (the 2023 table does). ${DISKS}`
      : `The 2023 table bills a booting VM (the 2018 table does not). ${DISKS}`,
  running: () => `The VM runs on its host. ${DISKS}`,
  stopping: () => `The VM is shutting down but keeps its host. ${DISKS}`,
  stopped: () =>
    `Stopped (allocated): the hardware stays assigned to the VM, so compute is still billed; deallocate to stop paying for it. Software licences on the instance are not charged. ${DISKS}`,
  deallocating: () => `The VM is being removed from its host. ${DISKS}`,
  deallocated: () => `Stopped (deallocated): the VM has no host. ${DISKS}`,
  hibernated: () => `Hibernated (deallocated): memory is saved to the OS disk and the VM has no host. ${DISKS}`,
  unknown: () => 'Azure reports no power state, so whether compute is billed is unknown.',
};

/**
 * Whether compute is billed in the snapshot's state, by a table (default: the VM's `billing`
 * input, itself defaulting to `seed-2018`, the specification's).
 *
 * @example
 * ```ts
 * billingOf(snapshot);                // { billed: true, reason: 'Stopped (allocated): …', table: 'seed-2018' }
 * billingOf(snapshot, 'azure-2023');
 * ```
 */
export function billingOf(snapshot: VmSnapshot, table: BillingTable = snapshot.context.settings.billing): Billing {
  const state = vmStateOf(snapshot);
  if (!state) return { billed: false, reason: 'The VM has been deleted; nothing is billed for it.', table };
  const rows = BILLING_TABLES[table];
  if (!rows) throw new RangeError(`Unknown billing table ${JSON.stringify(table)}; expected "seed-2018" or "azure-2023".`);
  return { billed: rows[state.power], reason: REASONS[state.power](table), table };
}

/**
 * How a meter counts billed time.
 * - `exact`: every billed millisecond (the default)
 * - `minute`: whole minutes, as Microsoft bills a VM — "We bill for the full minutes that your
 *   virtual machine runs, so you will not be billed for any extra seconds": a VM that ran 6 min
 *   45 s is billed 6 min (Azure knowledge center, "If my virtual machine ran for 6 minutes and 45
 *   seconds, how much will I be billed?"). Each uninterrupted billed stretch is rounded down on its own.
 */
export type BillingRounding = 'exact' | 'minute';

/** The billing roundings, in the order they are documented. */
export const BILLING_ROUNDINGS: readonly BillingRounding[] = ['exact', 'minute'];

const MINUTE_MS = 60_000;

/** What a {@link BillingMeter} has added up. */
export interface MeterReading {
  /** The table followed. */
  table: BillingTable;
  /** How billed time is counted. */
  rounding: BillingRounding;
  /** Milliseconds of billed compute (whole minutes with `rounding: 'minute'`). */
  billedMs: number;
  /** Milliseconds whose billing is unknown (power state unknown). */
  unknownMs: number;
  /** Milliseconds observed in all. */
  totalMs: number;
  /** `billedMs` priced at the meter's price per hour. */
  cost: number;
}

/** Adds up billed time from successive snapshots of one VM. */
export interface BillingMeter {
  /** Takes a snapshot; time since the previous one is billed by the previous state. */
  observe(snapshot: VmSnapshot): void;
  /** The totals up to `now` (ms since the VM's start instant; default: the last snapshot's time). */
  read(now?: number): MeterReading;
  /** Changes the price per hour; the cost is recomputed from the billed time. */
  setPricePerHour(price: number): void;
}

/** Options of {@link createBillingMeter}. */
export interface BillingMeterOptions {
  /** The billing table (default `seed-2018`). */
  table?: BillingTable;
  /** Price of one billed hour (default 0). */
  pricePerHour?: number;
  /** `exact` (default) or `minute`: whole minutes per uninterrupted billed stretch, as Microsoft bills. */
  rounding?: BillingRounding;
}

/**
 * A meter of billed compute time (and cost) for one VM. Feed it every snapshot
 * (`actor.subscribe(meter.observe)`); read it with the current elapsed time.
 *
 * @param options.table - the billing table (default `seed-2018`)
 * @param options.pricePerHour - price of one billed hour (default 0)
 * @param options.rounding - `exact` (default) or `minute` (Microsoft bills whole minutes: 6 min 45 s is billed 6 min)
 * @example
 * ```ts
 * const meter = createBillingMeter({ pricePerHour: 0.096, rounding: 'minute' });
 * vm.subscribe((snapshot) => meter.observe(snapshot));
 * ```
 */
export function createBillingMeter(options: BillingMeterOptions = {}): BillingMeter {
  const table = options.table ?? 'seed-2018';
  const rounding = options.rounding ?? 'exact';
  if (!BILLING_ROUNDINGS.includes(rounding)) {
    throw new RangeError(`Invalid billing rounding ${JSON.stringify(rounding)}: expected "exact" or "minute".`);
  }
  let price = checkPrice(options.pricePerHour ?? 0);
  // Billed time of the stretches already closed (rounded as asked), and of the one still open.
  let closedMs = 0;
  let openMs = 0;
  let unknownMs = 0;
  let startedAt: number | null = null;
  let last: { at: number; billed: boolean | null } | null = null;

  const round = (ms: number) => (rounding === 'minute' ? Math.floor(ms / MINUTE_MS) * MINUTE_MS : ms);
  const accrue = (until: number) => {
    if (!last || until <= last.at) return;
    const span = until - last.at;
    if (last.billed === true) openMs += span;
    else if (last.billed === null) unknownMs += span;
    last = { ...last, at: until };
  };

  return {
    observe(snapshot) {
      const at = snapshot.context.now;
      accrue(at);
      startedAt ??= at;
      const billed = billingOf(snapshot, table).billed;
      if (billed !== true && openMs > 0) {
        closedMs += round(openMs);
        openMs = 0;
      }
      last = { at: Math.max(at, last?.at ?? at), billed };
    },
    read(now) {
      const until = now ?? last?.at ?? 0;
      const extra = last && until > last.at ? until - last.at : 0;
      const billed = closedMs + round(openMs + (last?.billed === true ? extra : 0));
      const unknown = unknownMs + (last?.billed === null ? extra : 0);
      const totalMs = startedAt === null ? 0 : Math.max(0, Math.max(until, last?.at ?? 0) - startedAt);
      return { table, rounding, billedMs: billed, unknownMs: unknown, totalMs, cost: (billed / 3_600_000) * price };
    },
    setPricePerHour(next) {
      price = checkPrice(next);
    },
  };
}

function checkPrice(price: number): number {
  if (typeof price !== 'number' || !Number.isFinite(price) || price < 0) {
    throw new RangeError(`Invalid price per hour ${String(price)}: expected a non-negative finite number.`);
  }
  return price;
}
