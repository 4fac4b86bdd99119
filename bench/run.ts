/**
 * `npm run bench`: every figure of issue 6 measured in one run on this machine, each beside its
 * reference measured in the same run. BENCH_SECONDS (default 10) sets each load phase;
 * BENCH_SCALE_PATIENTS (default 1,000,000) the large store of the scale figure; BENCH_KAFKA_SECONDS
 * (default 60) the outbox latency run; BENCH_ONLY a comma list of phases (fold,lookup,drain,commands,scale,kafka,growth).
 */
import { cpus, totalmem } from 'node:os';
import { commandFigures } from './commands.bench';
import { drainFigures } from './drain.bench';
import { foldFigures } from './fold.bench';
import { growthFigures } from './growth.bench';
import { lookupFigures } from './lookup.bench';
import { outboxLatencyFigures } from './outbox-latency.bench';
import { scaleFigures } from './scale.bench';
import { Figure, printFigures, removeTempDirs } from './support';

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const scalePatients = Number(process.env.BENCH_SCALE_PATIENTS ?? 1_000_000);
  const only = (process.env.BENCH_ONLY ?? 'fold,lookup,drain,commands,scale,kafka,growth').split(',');
  process.stdout.write(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
  const figures: Figure[] = [];
  const phases: Array<[string, () => Promise<Figure[]> | Figure[]]> = [
    ['fold', () => foldFigures()],
    ['lookup', () => lookupFigures(seconds)],
    ['drain', () => drainFigures(seconds)],
    ['commands', () => commandFigures(seconds)],
    ['scale', () => scaleFigures(scalePatients, seconds)],
    ['kafka', () => outboxLatencyFigures(Number(process.env.BENCH_KAFKA_SECONDS ?? 60))],
    ['growth', () => growthFigures(seconds)],
  ];
  for (const [name, run] of phases) {
    if (!only.includes(name)) continue;
    process.stdout.write(`… ${name}\n`);
    // Each phase's figures are printed as soon as they exist, and a failed phase does not cost the others.
    const measured = await Promise.resolve().then(run).catch((error: unknown) => failedPhase(name, error));
    printFigures(measured);
    figures.push(...measured);
  }
  process.stdout.write('\nall figures:\n');
  printFigures(figures);
}

function failedPhase(name: string, error: unknown): Figure[] {
  process.stderr.write(`phase ${name} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  return [{ name: `${name} (phase failed)`, measured: error instanceof Error ? error.message : String(error), reference: '—', ratio: '—', target: '—', met: false }];
}

main().then(() => { removeTempDirs(); process.exit(0); }, (error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  removeTempDirs();
  process.exit(1);
});
