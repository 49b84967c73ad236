/**
 * Where the emulator keeps its resources: in memory (the default), or in SQLite with `--data`,
 * every change written before the response that acknowledges it is sent.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { VmInput } from '../machines/index.js';
import type { PersistedVmState } from './vm-persist.js';

/** A resource group as stored. */
export interface GroupRow {
  /** `subscription/group`, lower case. */
  key: string;
  /** The subscription id. */
  subscriptionId: string;
  /** The name as created. */
  name: string;
  /** The region. */
  location: string;
  /** The tags. */
  tags: Record<string, string>;
}

/** A VM as stored. */
export interface VmRow {
  /** `subscription/group/vm`, lower case. */
  key: string;
  /** The subscription id. */
  subscriptionId: string;
  /** The resource group's name as created. */
  resourceGroup: string;
  /** The VM's name as created. */
  name: string;
  /** The VM's unique id (a GUID). */
  vmId: string;
  /** The tags a later PUT or PATCH gave the VM (the machine keeps those it was created with); none until then. */
  updatedTags?: Record<string, string>;
  /** The size a later PUT or PATCH resized the VM to (the machine keeps the one it was created with); none until then. */
  resizedTo?: string;
  /** The input the actor was created with. */
  input: VmInput;
  /** The reading of the VM's clock when saved. */
  clockReading: number;
  /** The actor's persisted state. */
  state: PersistedVmState;
}

/** The store behind the emulator. */
export interface Store {
  /** Whether changes survive a restart. */
  readonly durable: boolean;
  /** Everything stored; `aliveAt` is the shared clock's last reading while the emulator ran (real mode). */
  load(): { groups: GroupRow[]; vms: VmRow[]; clockOffset: number; aliveAt: number | undefined };
  /** Writes a group. */
  putGroup(row: GroupRow): void;
  /** Removes a group. */
  deleteGroup(key: string): void;
  /** Writes a VM. */
  putVm(row: VmRow): void;
  /** Keeps several VMs in one transaction. */
  putVms(rows: readonly VmRow[]): void;
  /** Removes a VM. */
  deleteVm(key: string): void;
  /** Keeps the shared clock's offset. */
  putClockOffset(offset: number): void;
  /** Keeps the shared clock's reading now: the emulator was alive then. */
  putAliveAt(reading: number): void;
  /** Empties the store. */
  clear(): void;
  /** Closes it. */
  close(): void;
}

/** A store that keeps nothing: the emulator's memory is the only copy. */
export function memoryStore(): Store {
  return {
    durable: false,
    load: () => ({ groups: [], vms: [], clockOffset: 0, aliveAt: undefined }),
    putGroup: () => {},
    deleteGroup: () => {},
    putVm: () => {},
    putVms: () => {},
    deleteVm: () => {},
    putClockOffset: () => {},
    putAliveAt: () => {},
    clear: () => {},
    close: () => {},
  };
}

type Database = import('better-sqlite3').Database;

/** Thrown when `--data` is given but better-sqlite3 is not installed. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      `--data needs the optional dependency better-sqlite3 (12.x), which could not be loaded: ${(cause as Error).message}. ` +
        'Install it with `npm install better-sqlite3@12`, or run without --data to keep everything in memory.',
    );
    this.name = 'StoreUnavailableError';
  }
}

/**
 * A store in `directory/emulator.sqlite` (WAL journal): each write is one transaction,
 * committed before the call returns, so an acknowledged change survives the process being killed.
 */
export function sqliteStore(directory: string): Store {
  let Sqlite: typeof import('better-sqlite3');
  try {
    Sqlite = createRequire(import.meta.url)('better-sqlite3');
  } catch (error) {
    throw new StoreUnavailableError(error);
  }
  mkdirSync(directory, { recursive: true });
  const db: Database = new Sqlite(join(directory, 'emulator.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS groups (key TEXT PRIMARY KEY, row TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS vms (key TEXT PRIMARY KEY, row TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `);
  const putGroup = db.prepare('INSERT OR REPLACE INTO groups (key, row) VALUES (?, ?)');
  const deleteGroup = db.prepare('DELETE FROM groups WHERE key = ?');
  const putVm = db.prepare('INSERT OR REPLACE INTO vms (key, row) VALUES (?, ?)');
  const deleteVm = db.prepare('DELETE FROM vms WHERE key = ?');
  const putMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  return {
    durable: true,
    load() {
      const groups = (db.prepare('SELECT row FROM groups').all() as { row: string }[]).map((r) => JSON.parse(r.row) as GroupRow);
      const vms = (db.prepare('SELECT row FROM vms').all() as { row: string }[]).map((r) => JSON.parse(r.row) as VmRow);
      const meta = (key: string) => (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
      const offset = meta('clockOffset');
      const aliveAt = meta('aliveAt');
      return { groups, vms, clockOffset: offset ? Number(offset) : 0, aliveAt: aliveAt === undefined ? undefined : Number(aliveAt) };
    },
    putGroup: (row) => void putGroup.run(row.key, JSON.stringify(row)),
    deleteGroup: (key) => void deleteGroup.run(key),
    putVm: (row) => void putVm.run(row.key, JSON.stringify(row)),
    putVms: db.transaction((rows: readonly VmRow[]) => {
      for (const row of rows) putVm.run(row.key, JSON.stringify(row));
    }),
    deleteVm: (key) => void deleteVm.run(key),
    putClockOffset: (offset) => void putMeta.run('clockOffset', String(offset)),
    putAliveAt: (reading) => void putMeta.run('aliveAt', String(reading)),
    clear: () => db.exec('DELETE FROM groups; DELETE FROM vms; DELETE FROM meta;'),
    close: () => db.close(),
  };
}
