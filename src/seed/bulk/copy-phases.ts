import { performance } from 'node:perf_hooks';
import { Presets, SingleBar } from 'cli-progress';
import type { Client } from 'pg';
import { CopyStream } from './copy';

export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}

export function progressBar(enabled: boolean | undefined, label: string, total: number): SingleBar | null {
  if (!enabled || total === 0) return null;
  const bar = new SingleBar(
    {
      format: `${label.padEnd(15)} [{bar}] {percentage}% | {value}/{total} | {rate} rows/s | {duration_formatted} | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 200,
      fps: 5,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0, { rate: '0' });
  return bar;
}

/** The COPY phases of one load on one connection: each streamed, timed, logged, with an optional progress bar. */
export class CopyPhases {
  #active: CopyStream | null = null;

  constructor(
    private readonly client: Client,
    private readonly progress: boolean | undefined,
    private readonly log: (line: string) => void,
  ) {}

  /** Streams the chunks (text, rows) through one COPY; returns the rows the server wrote. */
  async copy(sql: string, label: string, total: number, chunks: Iterable<[string | Buffer, number]>): Promise<number> {
    const bar = progressBar(this.progress, label, total);
    const phaseStart = performance.now();
    this.#active = new CopyStream(this.client, sql);
    let done = 0;
    for (const [text, rows] of chunks) {
      await this.#active.write(text);
      done += rows;
      bar?.increment(rows, { rate: Math.round(done / Math.max(secondsSince(phaseStart), 0.001)).toLocaleString('en') });
    }
    const sent = performance.now();
    const written = await this.#active.end();
    this.#active = null;
    bar?.stop();
    this.log(
      `${label}: ${written.toLocaleString('en')} rows in ${secondsSince(phaseStart).toFixed(1)} s (server done ${secondsSince(sent).toFixed(1)} s after the last row)`,
    );
    return written;
  }

  /** Aborts the COPY in progress, if any (before a rollback). */
  abort(): void {
    this.#active?.abort();
  }
}
