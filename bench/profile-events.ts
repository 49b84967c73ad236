/**
 * A profiling target, not a benchmark: runs only the VM event cycle (or the baseline's, with
 * `baseline` as argument) long enough for a CPU profile to show where the time goes.
 *
 *   node --cpu-prof --cpu-prof-dir=bench/out/prof --import tsx bench/profile-events.ts
 *   node --import tsx bench/cpu-top.ts bench/out/prof/<file>.cpuprofile
 */
import { baselineBatch, vmBatch } from './event-cost.js';

const batch = process.argv[2] === 'baseline' ? baselineBatch : vmBatch;
const events = Number(process.env.PROFILE_EVENTS ?? '60000');
for (let done = 0; done < events; done += 6_000) batch(6_000);
