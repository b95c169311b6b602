/**
 * A README written for GitHub, built as a book with the CLI: alerts, emoji,
 * details, task lists, heading anchors, raw images and autolinks in Chinese
 * text, checked in the EPUB (EPUBCheck too), the HTML page and the PDF.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type JSZip from 'jszip';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedBrowser } from '../helpers/browser.js';
import { octavo, type Run } from '../helpers/cli.js';
import { solidPng } from '../helpers/png.js';
import { epubcheck, normalise, pdftotext, repoRoot, unzip, zipText } from '../helpers/tools.js';

const README = `---
title: Widget
author: Jo Maintainer
license: MIT
source: https://example.org/widget
language: en
---

# Widget

> [!NOTE]
> Widget needs Node 20.

> [!tip]
> Run it with \`npx widget\`.

> [!WARNING]
> It deletes \`dist/\`.
>
> Twice :warning:.

> [!FOO]
> Not an alert.

## Status :rocket:

- [x] parse the input
- [ ] write the docs
- plain item

<details>
<summary>Build from source</summary>

Clone it, then **run the build**.

</details>

Thanks :+1: and :smile:, from 10:30:45 on; \`:smile:\` stays in code.

## Install, then configure!

## FAQ

## FAQ

<img src="logo.png" alt="The logo" width="120" data-theme="light">

See [the status](#status-), [installing](#install-then-configure), [the second FAQ](#faq-1).

请访问https://example.com/docs这是下一句。主页https://example.org这里。
`;

let dir: string;
let run: Run;
let zip: JSZip;
let chapter: string;
let html: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'octavo-github-'));
  await writeFile(path.join(dir, 'README.md'), README);
  await writeFile(path.join(dir, 'logo.png'), solidPng(600, 150, [30, 60, 90]));
  run = await octavo(['build', 'README.md', '--format', 'epub,html,pdf', '--out', 'dist'], dir);
  zip = await unzip(path.join(dir, 'dist', 'widget.epub'));
  chapter = await zipText(zip, 'OEBPS/ch-1.xhtml');
  html = await readFile(path.join(dir, 'dist', 'widget.html'), 'utf8');
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('builds, warning only about the unknown alert kind, at its line', () => {
  expect(run.code, run.stderr + run.stdout).toBe(0);
  const warnings = (run.stdout + run.stderr).split('\n').filter((l) => / (warning|error) /.test(l));
  expect(warnings, warnings.join('\n')).toHaveLength(1);
  expect(warnings[0]).toMatch(/^README\.md:22:3 warning .*`\[!FOO\]`.*\[markdown\/unhandled-syntax\]/);
});

describe('the EPUB', () => {
  it('passes EPUBCheck without errors or warnings', async () => {
    const check = await epubcheck(path.join(dir, 'dist', 'widget.epub'));
    expect(check.output).toContain('No errors or warnings detected');
  });

  it('has titled alerts with their roles, the unknown kind left a quote', () => {
    expect(chapter).toContain(
      '<aside class="alert note" role="note">\n<p class="aside-title">Note</p>\n<p>Widget needs Node 20.</p>\n</aside>',
    );
    expect(chapter).toContain('<aside class="alert tip" epub:type="tip" role="doc-tip">');
    expect(chapter).toMatch(
      /<div class="alert warning" epub:type="notice" role="doc-notice">\n<p class="aside-title">Warning<\/p>/,
    );
    expect(chapter).toContain('Twice ⚠️.');
    expect(chapter).toContain('<blockquote>\n<p>[!FOO]');
    for (const marker of ['[!NOTE]', '[!tip]', '[!WARNING]']) expect(chapter).not.toContain(marker);
  });

  it('has emoji for the shortcodes, none left but in code, and anchors without them', () => {
    expect(chapter).toContain('Thanks 👍 and 😄, from 10:30:45 on; <code>:smile:</code> stays in code.');
    expect(chapter.replace(/<code>[^<]*<\/code>/g, '')).not.toMatch(/:(smile|rocket|warning|\+1):/);
    expect(chapter).toContain('<h2 id="status-">Status 🚀</h2>');
  });

  it('resolves links written for GitHub anchors', () => {
    expect(chapter).toContain('<h2 id="install-then-configure">');
    expect(chapter).toContain('<h2 id="faq-1">FAQ</h2>');
    expect(chapter).toContain(
      'See <a href="#status-">the status</a>, <a href="#install-then-configure">installing</a>, <a href="#faq-1">the second FAQ</a>.',
    );
  });

  it('opens <details>, keeping the Markdown inside', () => {
    expect(chapter).toContain(
      '<details open="">\n<summary>Build from source</summary>\n<p>Clone it, then <strong>run the build</strong>.</p>\n</details>',
    );
  });

  it('has task items with disabled checkboxes, and a plain item beside them', () => {
    expect(chapter).toContain(
      '<li class="task-list-item"><input type="checkbox" checked="" disabled="" /> parse the input</li>',
    );
    expect(chapter).toContain('<li class="task-list-item"><input type="checkbox" disabled="" /> write the docs</li>');
    expect(chapter).toContain('<li>plain item</li>');
  });

  it('keeps the raw image as written: its width alone, its data-* attribute', () => {
    expect(chapter).toMatch(/<img src="images\/[^"]+\.png" alt="The logo" width="120" data-theme="light" \/>/);
  });

  it('ends autolinks in Chinese text where the URL ends', () => {
    expect(chapter).toContain(
      '请访问<a href="https://example.com/docs">https://example.com/docs</a>这是下一句。主页<a href="https://example.org">https://example.org</a>这里。',
    );
  });
});

describe('the HTML edition', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await sharedBrowser();
  });
  afterAll(async () => {
    await browser?.disconnect();
  });

  it('keeps <details> collapsible (closed) and drops epub:type', () => {
    expect(html).toContain('<details>\n<summary>Build from source</summary>');
    expect(html).not.toContain('epub:type');
    expect(html).toContain('<aside class="alert tip" role="doc-tip">');
  });

  it('lays out task items without a bullet, and the alerts with a rule on the start side, in print too', async () => {
    const page = await browser.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      const printCss = await readFile(path.join(repoRoot, 'templates', 'default', 'css', 'print.css'), 'utf8');
      const measure = () =>
        page.evaluate(() => {
          const items = [...document.querySelectorAll('li.task-list-item')];
          const alert = document.querySelector('.alert.note')!;
          const style = getComputedStyle(alert);
          return {
            markers: items.map((li) => getComputedStyle(li).listStyleType),
            plain: getComputedStyle(document.querySelector('.contains-task-list > li:not(.task-list-item)')!)
              .listStyleType,
            ruleLeft: style.borderLeftStyle,
            ruleRight: style.borderRightStyle,
          };
        });
      const expected = { markers: ['none', 'none'], plain: 'disc', ruleLeft: 'solid', ruleRight: 'none' };
      expect(await measure()).toEqual(expected);
      await page.emulateMediaType('print');
      await page.addStyleTag({ content: printCss });
      expect(await measure()).toEqual(expected);
      // Right to left, the rule moves to the right.
      await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
      expect(await measure()).toMatchObject({ ruleLeft: 'none', ruleRight: 'solid' });
    } finally {
      await page.close();
    }
  });
});

describe('the PDF', () => {
  it('prints the alert titles, the opened details and the sentence after the autolink', async () => {
    const text = normalise(await pdftotext(path.join(dir, 'dist', 'widget.pdf')));
    expect(text).toContain('Note Widget needs Node 20.');
    expect(text).toContain('Tip Run it with npx widget.');
    expect(text).toContain('Build from source Clone it, then run the build.');
    expect(text).not.toContain('[!NOTE]');
    expect(text).toContain('这是下一句');
  });
});

describe('a folder book written for GitHub', () => {
  it('resolves anchors across files as GitHub makes them, a repeated heading renamed book-wide', async () => {
    const book = path.join(dir, 'guide');
    await mkdir(book);
    await writeFile(
      path.join(book, 'book.yaml'),
      'title: Guide\ncreator: Jo\nlanguage: en\nlicence: CC-BY-4.0\nsource: https://example.org\n',
    );
    await writeFile(
      path.join(book, '01-start.md'),
      '# Getting started\n\n## FAQ\n\nSee [usage](02-usage.md#options-and-flags), [its FAQ](02-usage.md#faq) and [mine](#faq).\n',
    );
    await writeFile(
      path.join(book, '02-usage.md'),
      '# Usage\n\n## Options, and flags!\n\n## FAQ\n\nBack to [the start](01-start.md#faq); [options](#options-and-flags), [here](#faq).\n',
    );
    const built = await octavo(['build', '.', '--format', 'epub', '--out', 'dist'], book);
    expect(built.code, built.stdout + built.stderr).toBe(0);
    expect(built.stdout + built.stderr).not.toMatch(/ (warning|error) /);
    const epub = await unzip(path.join(book, 'dist', 'guide.epub'));
    const [one, two] = [await zipText(epub, 'OEBPS/ch-1.xhtml'), await zipText(epub, 'OEBPS/ch-2.xhtml')];
    expect(one).toContain(
      'See <a href="ch-2.xhtml#options-and-flags">usage</a>, <a href="ch-2.xhtml#faq-1">its FAQ</a> and <a href="#faq">mine</a>.',
    );
    expect(two).toContain('<h2 id="faq-1">FAQ</h2>');
    expect(two).toContain(
      'Back to <a href="ch-1.xhtml#faq">the start</a>; <a href="#options-and-flags">options</a>, <a href="#faq-1">here</a>.',
    );
  });
});
