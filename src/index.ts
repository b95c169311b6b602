/** Octavo's library API: the CLI is a thin wrapper over these. */

export type { Book, Chapter, Heading, Manuscript } from './book.js';
export { CHROMIUM_ARGS, launchChromium, useChromium } from './browser/launch.js';
export { locateChromium } from './browser/locate.js';
export {
  type BuildOptions,
  type BuildResult,
  build,
  DEFAULT_FORMATS,
  FORMATS,
  type Format,
  type PreparedBook,
  prepareBook,
  type WrittenFile,
} from './build.js';
export type { BookConfig } from './config/config.js';
export { loadConfig, parseConfig } from './config/load.js';
export {
  type Diagnostic,
  type DiagnosticSink,
  Diagnostics,
  formatDiagnostic,
  OctavoError,
  type Severity,
} from './diagnostics.js';
export { findLicence, LICENCES, type Licence } from './licence/catalogue.js';
export { loadManuscript } from './manuscript/load.js';
export { CollectingReporter, type Reporter, silentReporter } from './reporter.js';
export { transformBook } from './transform/index.js';
export { isFormat, loadWriter } from './writers/registry.js';
export type { Writer, WriterContext, WriterOutput } from './writers/writer.js';
