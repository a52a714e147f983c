// How much CPU other processes take, where the operating system says so (Linux: /proc/stat, in Node, Deno and
// Bun): the machine's busy time less this process's own CPU time (process.cpuUsage, every thread of it). A
// busy process on a core the pool's workers would run on makes threads lose (a worker descheduled holding a
// chunk holds the job up), and unlike a virtual machine's host, which deschedules idle and busy vCPUs alike,
// it shows here. Sampled at most every SAMPLE_MS; elsewhere (browsers, Workers) there is no answer and the pool
// goes by what its jobs show (worker_health.ts).
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

export class OtherLoad {
  private last: Sample | null = null;
  /** The machine's cores (cpu lines of /proc/stat). */
  cores = 0;

  constructor(
    private readonly readFile: ReadFile,
    private readonly cpuUsage: CpuUsage,
  ) {}

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
    // cpu  user nice system idle iowait irq softirq steal …: busy is user, nice, system, irq and softirq (not
    // steal: the host's share, which idle and busy vCPUs lose alike).
    const fields = text.slice(0, text.indexOf('\n')).trim().split(/\s+/).slice(1).map(Number);
    if (fields.length < 7 || fields.some((f) => !Number.isFinite(f))) return null;
    this.cores = Math.max(1, text.split('\ncpu').length - 1);
    const ticks = fields[0] + fields[1] + fields[2] + fields[5] + fields[6];
    const { user, system } = this.cpuUsage();
    this.last = { at: now, busyMs: (ticks * 1000) / TICKS_PER_SECOND, ownMs: (user + system) / 1000 };
    return this.last;
  }
}
