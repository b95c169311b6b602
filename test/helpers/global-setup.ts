import type { TestProject } from 'vitest/node';
import { type LaunchedBrowser, launchChromium } from '../../src/browser/launch.js';

let launched: LaunchedBrowser | undefined;

export async function setup(project: TestProject): Promise<void> {
  launched = await launchChromium({ pipe: false });
  project.provide('chromiumEndpoint', launched.browser.wsEndpoint());
}

export async function teardown(): Promise<void> {
  await launched?.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumEndpoint: string;
  }
}
