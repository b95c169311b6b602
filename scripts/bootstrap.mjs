#!/usr/bin/env node
/**
 * Sets up a fresh clone: installs what is missing, then compiles Octavo.
 *   node scripts/bootstrap.mjs          for `npm run build`: npm packages, TypeScript build, a Chromium
 *   node scripts/bootstrap.mjs --test   for `npm test`: the same, plus EPUBCheck (and Java), Ghostscript and qpdf
 *   node scripts/bootstrap.mjs --print-shop   also Ghostscript, for the print-shop PDF's colour conversion
 * Plain Node with no dependencies, because it runs before `npm ci`.
 * System packages come from apt on Debian/Ubuntu when running as root; otherwise
 * it stops and says what to install.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const forTests = process.argv.includes('--test');
const forPrintShop = forTests || process.argv.includes('--print-shop');
const log = (msg) => console.log(`[bootstrap] ${msg}`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) {
    console.error(`[bootstrap] \`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal}).`);
    process.exit(1);
  }
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

// 1. npm packages: install when node_modules is missing or older than the lock file.
const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  log('installing npm packages (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

// 2. Compile TypeScript to lib/ (also type-checks).
run(process.execPath, [
  path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
  '-p',
  path.join(root, 'tsconfig.json'),
]);

// 3. System tools, gathered so apt runs at most once.
const { locateChromium } = await import(pathToFileURL(path.join(root, 'lib', 'browser', 'locate.js')).href);
const needed = [];
const chromium = await locateChromium();
if (!chromium) needed.push({ apt: 'chromium', why: 'Chromium, to print the PDF' });
else log(`Chromium: ${chromium.path} (${chromium.source})`);
// pdftoppm draws `octavo preview`; the tests read PDFs with pdftotext and pdfinfo.
if (!has('pdftoppm') || !has('pdftotext') || !has('pdfinfo'))
  needed.push({
    apt: 'poppler-utils',
    why: 'poppler-utils, for previews (pdftoppm) and to read the PDF in tests',
    optional: !forTests,
  });
if (forPrintShop && !has('gs'))
  needed.push({ apt: 'ghostscript', why: 'Ghostscript, to convert the print-shop PDF to CMYK or grey' });
if (forTests) {
  if (!has('java')) needed.push({ apt: 'default-jre-headless', why: 'Java, to run EPUBCheck' });
  if (!existsSync('/usr/share/java/epubcheck.jar'))
    needed.push({ apt: 'epubcheck', why: 'EPUBCheck, to validate the EPUB in tests' });
  if (!has('qpdf')) needed.push({ apt: 'qpdf', why: 'qpdf, to check the print-shop PDF in tests' });
}

if (needed.length) {
  const packages = needed.map((n) => n.apt);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const canApt = process.platform === 'linux' && has('apt-get');
  if (!isRoot || !canApt) {
    console.error('[bootstrap] missing:');
    for (const n of needed)
      console.error(`  - ${n.why} (Debian/Ubuntu package \`${n.apt}\`)${n.optional ? ', optional' : ''}`);
    console.error(
      canApt
        ? `[bootstrap] run as root: apt-get update && apt-get install -y ${packages.join(' ')}`
        : "[bootstrap] install them with your system's package manager; for Chromium you may instead set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium binary.",
    );
    if (needed.some((n) => !n.optional)) process.exit(1);
  } else {
    log(`installing ${packages.join(', ')} with apt-get`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update'], { env });
    run('apt-get', ['install', '-y', '--no-install-recommends', ...packages, 'fonts-dejavu-core'], { env });
    if (packages.includes('chromium') && !(await locateChromium())) {
      console.error('[bootstrap] chromium was installed but not found; set PUPPETEER_EXECUTABLE_PATH.');
      process.exit(1);
    }
    log('system tools ready');
  }
}
