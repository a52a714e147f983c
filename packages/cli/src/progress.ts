// A progress bar for training loops (epoch, step, metric, steps/s, ETA); plain lines when not on a terminal.
import cliProgress from 'cli-progress';

export class TrainingProgress {
  private readonly bar?: cliProgress.SingleBar;
  private readonly started = Date.now();
  private steps = 0;

  constructor(private readonly totalSteps: number, private readonly metricName: string) {
    if (process.stderr.isTTY) {
      this.bar = new cliProgress.SingleBar({
        format: `epoch {epoch} |{bar}| {value}/{total} steps | ${metricName} {metric} | {speed} steps/s | ETA {eta_formatted}`,
        stream: process.stderr,
        hideCursor: true,
      }, cliProgress.Presets.shades_classic);
      this.bar.start(totalSteps, 0, { epoch: 1, metric: '-', speed: '-' });
    }
  }

  step(epoch: number, metric: number): void {
    this.steps++;
    const speed = (this.steps / Math.max(1e-3, (Date.now() - this.started) / 1000)).toFixed(1);
    this.bar?.update(this.steps, { epoch: epoch + 1, metric: metric.toFixed(2), speed });
  }

  /** One line per epoch, written above the bar (or alone when there is no terminal). */
  epochDone(line: string): void {
    if (this.bar) {
      this.bar.stop();
      process.stderr.write(`${line}\n`);
      if (this.steps < this.totalSteps) this.bar.start(this.totalSteps, this.steps);
    } else {
      console.log(line);
    }
  }

  stop(): void {
    this.bar?.stop();
  }
}
