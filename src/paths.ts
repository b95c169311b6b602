import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's own folder (holds templates/), from src/ or lib/ alike. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const builtinThemes = path.join(packageRoot, 'templates');
