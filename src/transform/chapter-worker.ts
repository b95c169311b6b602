/**
 * A worker thread that transforms chapters (transform/parallel.ts sends
 * them): the same transformChapter as the main thread, on its own core.
 */
import { parentPort } from 'node:worker_threads';
import type { SourceChapter } from '../book.js';
import { transformChapter } from './index.js';
import type { ChapterContext } from './markdown.js';

export interface ChapterJob {
  id: number;
  src: SourceChapter;
  context: ChapterContext;
}

parentPort?.on('message', (job: ChapterJob) => {
  transformChapter(job.src, job.context).then(
    (result) => parentPort?.postMessage({ id: job.id, result }),
    (err: unknown) =>
      parentPort?.postMessage({ id: job.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
