/**
 * Chapters transformed on several cores: the main thread and worker threads
 * (transform/chapter-worker.ts) take chapters from one queue. A worker costs
 * a few hundred milliseconds to start (it loads the Markdown pipeline), so
 * they are used only for enough text to repay that, and only where a
 * compiled worker exists (not when running from the TypeScript sources, as
 * the unit tests do).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SourceChapter } from '../book.js';
import type { ChapterJob } from './chapter-worker.js';
import { type TransformedChapter, transformChapter } from './index.js';
import type { ChapterContext } from './markdown.js';

/** Below this much Markdown (about 30,000 words of prose), one thread is quicker than starting another. */
const WORKER_THRESHOLD = 256 * 1024;
/** Each worker holds this many chapters, so it never waits for the busy main thread to hand it the next. */
const DEPTH = 2;

export interface Job {
  src: SourceChapter;
  context: ChapterContext;
}

/**
 * How many threads may transform at once: the cores, at most four, or
 * OCTAVO_THREADS (1: the main thread alone), for a machine shared with
 * other work. On two cores, one thread: V8's collector already works beside
 * the main thread, and the main thread must also take in every worker's
 * trees, so a worker made a 150,000-word transform 15-25% slower there.
 */
function threads(): number {
  const asked = Number.parseInt(process.env.OCTAVO_THREADS ?? '', 10);
  if (asked >= 1) return asked;
  const cores = availableParallelism();
  return cores <= 2 ? 1 : Math.min(cores, 4);
}

/** How many workers to start for these jobs: none when the text is short or there is one thread. */
export function workerCount(jobs: readonly Job[]): number {
  const bytes = jobs.reduce((n, j) => n + j.src.source.length, 0);
  if (jobs.length < 2 || bytes < WORKER_THRESHOLD) return 0;
  return Math.max(0, Math.min(threads() - 1, jobs.length - 1));
}

const WORKER_FILE = new URL('./chapter-worker.js', import.meta.url);

/**
 * Every job transformed, in the jobs' order; `done` is told of each as it
 * finishes (in any order).
 */
export async function transformAll(
  jobs: readonly Job[],
  done: (index: number, result: TransformedChapter) => void,
  threadsUsed?: (threads: number) => void,
): Promise<TransformedChapter[]> {
  const results: TransformedChapter[] = new Array(jobs.length);
  const wanted = existsSync(fileURLToPath(WORKER_FILE)) ? workerCount(jobs) : 0;
  if (jobs.length) threadsUsed?.(wanted + 1);
  let next = 0;
  const finish = (index: number, result: TransformedChapter) => {
    results[index] = result;
    done(index, result);
  };

  const workers: Worker[] = [];
  const helped = new Promise<void>((resolve, reject) => {
    if (wanted === 0) return resolve();
    let running = 0;
    for (let w = 0; w < wanted; w++) {
      const worker = new Worker(WORKER_FILE);
      workers.push(worker);
      let held = 0;
      const feed = () => {
        while (held < DEPTH && next < jobs.length) {
          const id = next++;
          held++;
          worker.postMessage({ id, src: jobs[id]!.src, context: jobs[id]!.context } satisfies ChapterJob);
        }
        if (held === 0 && --running === 0) resolve();
      };
      worker.on('message', (m: { id: number; result?: TransformedChapter; error?: string }) => {
        held--;
        if (m.error !== undefined) return reject(new Error(`a chapter worker failed: ${m.error}`));
        finish(m.id, m.result!);
        feed();
      });
      worker.on('error', reject);
      running++;
      feed();
    }
  });
  try {
    // The main thread works through the same queue meanwhile.
    while (next < jobs.length) {
      const id = next++;
      finish(id, await transformChapter(jobs[id]!.src, jobs[id]!.context));
    }
    await helped;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
