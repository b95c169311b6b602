// These machines cannot download Puppeteer's own browser: Octavo finds a system
// Chromium instead (see src/browser/locate.ts and scripts/bootstrap.mjs).
module.exports = { skipDownload: true };
