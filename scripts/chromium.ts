/**
 * How this project launches Debian's Chromium headless (card previews, end-to-end tests): no
 * sandbox (root in CI), no GPU, and no background traffic to Google's hosts on a closed network.
 * Nothing downloads a browser.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
