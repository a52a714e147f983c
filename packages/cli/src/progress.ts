// A progress bar for training loops (epoch, step, metric, steps/s, ETA) on a terminal; plain lines, one per
// epoch, when the output is piped or redirected.
import cliProgress from 'cli-progress';

interface Payload {
  epoch: number;
  metric: string;
  speed: string;
}

export class TrainingProgress {
  private readonly bar?: cliProgress.SingleBar;
  private readonly started = Date.now();
  private steps = 0;
  /** The bar's fields, kept so that a restarted bar never shows its bare template. */
  private payload: Payload = { epoch: 1, metric: '-', speed: '-' };

  constructor(
    private readonly totalSteps: number,
    metricName: string,
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
  ) {
    if (stream.isTTY) {
      this.bar = new cliProgress.SingleBar(
        {
          format: `epoch {epoch} |{bar}| {value}/{total} steps | ${metricName} {metric} | {speed} steps/s | ETA {eta_formatted}`,
          stream,
          hideCursor: true,
          // Stopping clears the bar's line, so the epoch lines above it stay clean.
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(totalSteps, 0, this.payload);
    }
  }

  step(epoch: number, metric: number): void {
    this.steps++;
    const speed = (this.steps / Math.max(1e-3, (Date.now() - this.started) / 1000)).toFixed(1);
    this.payload = { epoch: epoch + 1, metric: metric.toFixed(2), speed };
    this.bar?.update(this.steps, this.payload);
  }

  /** One line per epoch, written above the bar (or alone when there is no terminal). */
  epochDone(line: string): void {
    if (this.bar) {
      this.bar.stop();
      this.stream.write(`${line}\n`);
      if (this.steps < this.totalSteps)
        this.bar.start(this.totalSteps, this.steps, { ...this.payload, epoch: this.payload.epoch + 1 });
    } else {
      console.log(line);
    }
  }

  stop(): void {
    this.bar?.stop();
  }
}
