/** Octavo's library API: the CLI is a thin wrapper over these. */
export { build, prepareBook, FORMATS, type BuildOptions, type BuildResult, type Format, type PreparedBook, type WrittenFile } from './build.js';
export { isFormat, loadWriter } from './writers/registry.js';
export type { Writer, WriterContext, WriterOutput } from './writers/writer.js';
export type { Book, Chapter, Heading, Manuscript } from './book.js';
export type { BookConfig } from './config/config.js';
export { loadConfig, parseConfig } from './config/load.js';
export { Diagnostics, formatDiagnostic, OctavoError, type Diagnostic, type DiagnosticSink, type Severity } from './diagnostics.js';
export { findLicence, LICENCES, type Licence } from './licence/catalogue.js';
export { loadManuscript } from './manuscript/load.js';
export { CollectingReporter, silentReporter, type Reporter } from './reporter.js';
export { transformBook } from './transform/index.js';
export { launchChromium, CHROMIUM_ARGS } from './browser/launch.js';
export { locateChromium } from './browser/locate.js';
