// Guarded memory: every block the backend allocates gets a red zone on each side, filled with a known
// byte pattern. A kernel that writes even one byte outside its block changes a red zone, and the next
// check names the block (and, through the caller, the kernel). The zones are wide enough that a write of a
// few vectors past either end lands in them, not in the allocator's headers or a neighbouring tensor.
// Off by default (it costs memory and a scan per kernel); tests, the fuzzer and the soak turn it on.

/** Bytes of each red zone: a multiple of 16, so the block the kernel sees keeps its 16-byte alignment. */
export const RED_ZONE_BYTES = 64;
/** The byte every red zone holds: unlikely to be written by accident (not 0, not all ones, not a small int). */
const RED_ZONE_BYTE = 0xa5;
/** Freed blocks wait this long (in bytes and in blocks) before the allocator may reuse them. */
const QUARANTINE_BYTES = 256 << 10;
const QUARANTINE_BLOCKS = 32;

/** What the guard needs of the module: its allocator, and a fill and a scan that run at SIMD speed. */
export interface GuardedBlocksMemory {
  alloc(bytes: number, requested: number): number;
  free(ptr: number): void;
  fillBytes(dst: number, value: number, bytes: number): void;
  /** Address of the first byte in [start, end) that is not `value`, or -1. */
  firstByteNot(start: number, end: number, value: number): number;
}

interface Block {
  ptr: number;
  bytes: number;
  label: string;
}

/** A red zone found changed: the block it guards, which side, and how many of its bytes differ. */
export interface RedZoneViolation {
  /** Address of the block as the backend sees it (after the leading red zone). */
  ptr: number;
  /** Bytes the backend asked for. */
  bytes: number;
  /** Before or after the block, or inside a block already freed (a write through a stale pointer). */
  side: 'before' | 'after' | 'freed';
  /** What the block holds, as its owner labelled it (a tensor's dtype and shape), or 'scratch'. */
  label: string;
  /** Changed bytes, and the offset of the first one from the block's start (negative before it). */
  changedBytes: number;
  firstOffset: number;
}

/** The guarded blocks of one linear memory: their sizes by address, their red zones, and the checks. */
export class GuardedBlocks {
  /** Bytes asked for, by the address handed out. */
  private readonly sizes = new Map<number, number>();
  private readonly labels = new Map<number, string>();
  /** Violations found on blocks as they were freed, until collected. */
  private pending: RedZoneViolation[] = [];
  /** Freed blocks held back from the allocator, painted whole, so a write through a stale pointer shows. */
  private readonly quarantine: Block[] = [];
  private quarantinedBytes = 0;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly raw: GuardedBlocksMemory,
  ) {}

  /** Allocates `bytes` (zero included: a real block, so a write into an empty tensor is caught too). */
  alloc(bytes: number): number {
    const raw = this.raw.alloc(bytes + 2 * RED_ZONE_BYTES, bytes);
    const ptr = raw + RED_ZONE_BYTES;
    this.sizes.set(ptr, bytes);
    this.paint(ptr, bytes);
    return ptr;
  }

  /** Names what a block holds, for the reports. */
  label(ptr: number, text: string): void {
    this.labels.set(ptr, text);
  }

  /** Frees a block after checking its zones; what it finds waits for the next collect(). */
  free(ptr: number): void {
    const bytes = this.sizes.get(ptr);
    if (bytes === undefined) {
      throw new Error(
        `Backend 'simd': freeing the block at ${ptr}, which is not live (freed twice, or never allocated).`,
      );
    }
    this.pending.push(...this.checkBlock(ptr, bytes));
    const label = `${this.labels.get(ptr) ?? 'scratch'}, freed`;
    this.sizes.delete(ptr);
    this.labels.delete(ptr);
    this.raw.fillBytes(ptr, RED_ZONE_BYTE, bytes);
    this.quarantine.push({ ptr, bytes, label });
    this.quarantinedBytes += bytes;
    while (this.quarantine.length > QUARANTINE_BLOCKS || this.quarantinedBytes > QUARANTINE_BYTES) {
      const oldest = this.quarantine.shift()!;
      this.quarantinedBytes -= oldest.bytes;
      this.pending.push(...this.checkFreed(oldest));
      this.raw.free(oldest.ptr - RED_ZONE_BYTES);
    }
  }

  owns(ptr: number): boolean {
    return this.sizes.has(ptr);
  }

  /**
   * Every violation since the last call: those found as blocks were freed, and those on live blocks now.
   * Changed zones are repainted, so that one stray write is reported once.
   */
  collect(): RedZoneViolation[] {
    const found = this.pending;
    this.pending = [];
    for (const block of this.quarantine) found.push(...this.checkFreed(block));
    for (const [ptr, bytes] of this.sizes) {
      const violations = this.checkBlock(ptr, bytes);
      if (violations.length > 0) {
        found.push(...violations);
        this.paint(ptr, bytes);
      }
    }
    return found;
  }

  get liveBlocks(): number {
    return this.sizes.size;
  }

  private firstChangedByte(start: number, end: number): number {
    return this.raw.firstByteNot(start, end, RED_ZONE_BYTE);
  }

  /** A freed block, zones included, must still hold the pattern it was painted with. */
  private checkFreed(block: Block): RedZoneViolation[] {
    const start = block.ptr - RED_ZONE_BYTES;
    const end = block.ptr + block.bytes + RED_ZONE_BYTES;
    const first = this.firstChangedByte(start, end);
    if (first < 0) return [];
    let changed = 0;
    const heap = new Uint8Array(this.memory.buffer, start, end - start);
    for (const byte of heap) if (byte !== RED_ZONE_BYTE) changed++;
    this.raw.fillBytes(start, RED_ZONE_BYTE, end - start);
    return [
      {
        ptr: block.ptr,
        bytes: block.bytes,
        side: 'freed',
        label: block.label,
        changedBytes: changed,
        firstOffset: first - block.ptr,
      },
    ];
  }

  private paint(ptr: number, bytes: number): void {
    this.raw.fillBytes(ptr - RED_ZONE_BYTES, RED_ZONE_BYTE, RED_ZONE_BYTES);
    this.raw.fillBytes(ptr + bytes, RED_ZONE_BYTE, RED_ZONE_BYTES);
  }

  private checkBlock(ptr: number, bytes: number): RedZoneViolation[] {
    const violations: RedZoneViolation[] = [];
    const zone = (start: number, side: 'before' | 'after') => {
      const first = this.firstChangedByte(start, start + RED_ZONE_BYTES);
      if (first < 0) return;
      const heap = new Uint8Array(this.memory.buffer, start, RED_ZONE_BYTES);
      let changed = 0;
      for (const byte of heap) if (byte !== RED_ZONE_BYTE) changed++;
      const label = this.labels.get(ptr) ?? 'scratch';
      violations.push({ ptr, bytes, side, label, changedBytes: changed, firstOffset: first - ptr });
    };
    zone(ptr - RED_ZONE_BYTES, 'before');
    zone(ptr + bytes, 'after');
    return violations;
  }
}

/** One line a person can act on: where the write landed relative to the block. */
export function describeViolation(v: RedZoneViolation): string {
  const where =
    v.side === 'freed'
      ? `at offset ${v.firstOffset} of a freed block (a write through a stale pointer)`
      : v.side === 'after'
        ? `from ${v.firstOffset - v.bytes} byte(s) past the end`
        : `from ${-v.firstOffset} byte(s) before the start`;
  return `${v.changedBytes} byte(s) changed ${where} of ${v.label} (${v.bytes} bytes at ${v.ptr})`;
}
