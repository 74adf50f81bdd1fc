// What every browser test of the console opens with: its environment, one JSON line per step on stdout, and the
// system's headless Chromium (Debian `chromium`, never a downloaded browser) on a phone-sized screen, recording any
// request that leaves the console (the machines are offline) and any script error of the page.
'use strict';
const { chromium } = require('playwright-core');

const env = name => {
  const v = process.env[name];
  if (v === undefined || v === '') throw new Error('missing environment variable ' + name);
  return v;
};
const out = o => process.stdout.write(JSON.stringify(o) + '\n');
const timeout = Number(process.env.TIMEOUT_MS || 60000);

// runs steps(page, { base, shots, foreign, pageErrors }) in a fresh phone-sized browser; exit code 1 on any error
async function run(steps) {
  let browser;
  let page;
  try {
    const base = env('URL').replace(/\/$/, '');
    const shots = env('SCREENSHOTS');
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']
    });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
      locale: 'vi-VN' });
    context.setDefaultTimeout(timeout);
    page = await context.newPage();
    const foreign = [];
    page.on('request', r => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url()); });
    const pageErrors = [];
    page.on('pageerror', e => pageErrors.push(String(e)));
    await steps(page, { base, shots, foreign, pageErrors });
  } catch (e) {
    out({ step: 'error', error: String(e && e.stack || e) });
    if (page) {
      await page.screenshot({ path: require('path').join(process.env.SCREENSHOTS || '.', 'failure.png'), fullPage: true })
        .catch(() => {});
    }
    process.exitCode = 1;
  } finally {
    if (browser) await browser.close();
  }
}

module.exports = { env, out, timeout, run };
