// How much CPU other processes take, where the operating system says so (Linux: /proc/stat, in Node, Deno and
// Bun): the busy time of the cores this process may run on (its affinity, /proc/self/status) less this
// process's own CPU time (process.cpuUsage, every thread of it). A busy process on a core the pool's workers
// would run on makes threads lose (a worker descheduled holding a chunk holds the job up), and unlike a virtual
// machine's host, which deschedules idle and busy vCPUs alike, it shows here. Cores outside the affinity (a
// container pinned to some cores of a large host sees the whole host in /proc/stat) do not count. Sampled at
// most every SAMPLE_MS; elsewhere (browsers, Workers) there is no answer and the pool goes by what its jobs
// show (worker_health.ts).
import { nodeBuiltin } from '../node_builtin.js';

/** Shortest interval between two samples (ms): /proc/stat counts in 10 ms ticks, so ±0.1 core. */
const SAMPLE_MS = 100;
/** Clock ticks per second of /proc/stat (USER_HZ, 100 on Linux everywhere). */
const TICKS_PER_SECOND = 100;

interface Sample {
  at: number;
  busyMs: number;
  ownMs: number;
}

type ReadFile = (path: string, encoding: 'utf8') => string;
type CpuUsage = () => { user: number; system: number };

/** Whether pools heed other processes' CPU use (see countOtherLoad). */
let counting = true;

/**
 * Turns the pools' heed of other processes' CPU use off (or back on), for tools and tests that need their
 * workers on a machine other work keeps busy: a pool then enlists its workers whatever the load.
 */
export function countOtherLoad(on: boolean): void {
  counting = on;
}

/** Whether other processes' CPU use is heeded now. */
export function countingOtherLoad(): boolean {
  return counting;
}

/**
 * Of `wanted` workers, those that may run on `cores` cores (this process's) while other processes use
 * `otherCores` cores' worth of them: one fewer for each core's worth beyond the cores the threads leave spare
 * (rounded). On 2 cores every core's worth costs a worker; 2 threads on 64 cores lose none to 40 busy ones.
 */
export function workersBesideOtherLoad(wanted: number, cores: number, otherCores: number): number {
  const spareCores = Math.max(0, cores - 1 - wanted);
  return Math.max(0, wanted - Math.max(0, Math.round(otherCores - spareCores)));
}

export class OtherLoad {
  private last: Sample | null = null;
  /** The cores this process may run on (those of /proc/stat's cpu lines in its affinity; all where unknown). */
  cores = 0;
  /** The cores of the affinity (Cpus_allowed_list), read once; null when unknown. */
  private readonly allowed: Set<number> | null;

  constructor(
    private readonly readFile: ReadFile,
    private readonly cpuUsage: CpuUsage,
  ) {
    this.allowed = allowedCores(readFile);
  }

  /** A probe where the runtime can read /proc/stat and this process's CPU time; null elsewhere. */
  static probe(): OtherLoad | null {
    const fs = nodeBuiltin<typeof import('node:fs')>('node:fs');
    const runtime = (globalThis as { process?: { cpuUsage?: CpuUsage } }).process;
    if (fs == null || typeof runtime?.cpuUsage !== 'function') return null;
    const load = new OtherLoad(
      (path, encoding) => fs.readFileSync(path, encoding),
      () => runtime.cpuUsage!(),
    );
    return load.coresUsed(performance.now()) === undefined && load.cores > 0 ? load : null;
  }

  /**
   * Cores' worth of CPU other processes used since the previous sample, if at least SAMPLE_MS have passed
   * since it (else, or if /proc/stat could not be read, undefined: no new measure).
   */
  coresUsed(now: number): number | undefined {
    if (this.last != null && now - this.last.at < SAMPLE_MS) return undefined;
    const previous = this.last;
    const sample = this.sample(now);
    if (sample == null || previous == null) return undefined;
    const others = sample.busyMs - previous.busyMs - (sample.ownMs - previous.ownMs);
    return Math.max(0, Math.min(this.cores, others / (sample.at - previous.at)));
  }

  /** Forgets the last sample: the next call starts a new interval. */
  reset(): void {
    this.last = null;
  }

  private sample(now: number): Sample | null {
    let text: string;
    try {
      text = this.readFile('/proc/stat', 'utf8');
    } catch {
      return null;
    }
    // cpu<N> user nice system idle iowait irq softirq steal …: busy is user, nice, system, irq and softirq (not
    // steal: the host's share, which idle and busy vCPUs lose alike).
    let ticks = 0;
    let cores = 0;
    for (const line of text.split('\n')) {
      const match = /^cpu(\d+)\s/.exec(line);
      if (match === null || (this.allowed !== null && !this.allowed.has(Number(match[1])))) continue;
      const fields = line.trim().split(/\s+/).slice(1).map(Number);
      if (fields.length < 7 || fields.some((f) => !Number.isFinite(f))) return null;
      ticks += fields[0] + fields[1] + fields[2] + fields[5] + fields[6];
      cores++;
    }
    if (cores === 0) return null;
    this.cores = cores;
    const { user, system } = this.cpuUsage();
    this.last = { at: now, busyMs: (ticks * 1000) / TICKS_PER_SECOND, ownMs: (user + system) / 1000 };
    return this.last;
  }
}

/** The cores of /proc/self/status's Cpus_allowed_list ("0-3,8"), or null where it cannot be read. */
function allowedCores(readFile: ReadFile): Set<number> | null {
  let text: string;
  try {
    text = readFile('/proc/self/status', 'utf8');
  } catch {
    return null;
  }
  const list = /^Cpus_allowed_list:\s*(\S+)/m.exec(text)?.[1];
  if (list === undefined) return null;
  const cores = new Set<number>();
  for (const range of list.split(',')) {
    const [first, last = first] = range.split('-').map(Number);
    if (!Number.isInteger(first) || !Number.isInteger(last) || last < first) return null;
    for (let core = first; core <= last; core++) cores.add(core);
  }
  return cores;
}
