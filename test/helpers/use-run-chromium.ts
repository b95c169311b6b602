/**
 * Every in-process build of a test file uses the run's one Chromium (started in
 * global-setup.ts) instead of starting its own, e.g. to draw an EPUB's cover.
 * The CLI runs of the tests are other processes and still start their own, as a user's do.
 */
import { inject } from 'vitest';
import { useChromium } from '../../src/browser/launch.js';

useChromium(inject('chromiumEndpoint'));
