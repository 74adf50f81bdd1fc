// The console in the system's headless Chromium (Debian `chromium`), driven by playwright-core, on a phone-sized
// screen: an official with an initial password signs in, lands on "Đổi mật khẩu", finds every other page sends them
// back there, is told in Vietnamese why a weak password is refused, sets a good one and reaches the home page with
// their name and mail settings.
// Prints one JSON line per step on stdout (the JUnit side checks them); exits 0 only if every step ran.
//
// Environment: URL, LOGIN, INITIAL, WEAK, NEW, SCREENSHOTS (a directory), CHROMIUM (default /usr/bin/chromium),
// TIMEOUT_MS (default 60000).
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

const env = name => {
  const v = process.env[name];
  if (v === undefined || v === '') throw new Error('missing environment variable ' + name);
  return v;
};
const out = o => process.stdout.write(JSON.stringify(o) + '\n');
const timeout = Number(process.env.TIMEOUT_MS || 60000);

async function main() {
  const base = env('URL').replace(/\/$/, '');
  const shots = env('SCREENSHOTS');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']
  });
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
      locale: 'vi-VN' });
    context.setDefaultTimeout(timeout);
    const page = await context.newPage();
    // every asset must come from the console: the machines are offline
    const foreign = [];
    page.on('request', r => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url()); });
    const wide = async () => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

    await page.goto(base + '/');
    await page.waitForURL(/\/login$/);
    await page.fill('#username', env('LOGIN'));
    await page.fill('#password', env('INITIAL'));
    await Promise.all([page.waitForURL(base + '/account/password'), page.click('button[type=submit]')]);
    out({ step: 'change-form', heading: await page.textContent('main h2'), wide: await wide() });
    await page.screenshot({ path: path.join(shots, '1-change-form.png'), fullPage: true });

    await page.goto(base + '/');
    out({ step: 'home-before-change', url: page.url() });

    await page.fill('#current', env('INITIAL'));
    await page.fill('#new', env('WEAK'));
    await page.fill('#confirm', env('WEAK'));
    await Promise.all([page.waitForLoadState('load'), page.click('main button[type=submit]')]);
    await page.waitForSelector('.error li');
    out({ step: 'refused', url: page.url(), problems: await page.locator('.error li').allTextContents() });
    await page.screenshot({ path: path.join(shots, '2-refused.png'), fullPage: true });

    await page.fill('#current', env('INITIAL'));
    await page.fill('#new', env('NEW'));
    await page.fill('#confirm', env('NEW'));
    await Promise.all([page.waitForURL(base + '/?changed'), page.click('main button[type=submit]')]);
    out({ step: 'home', text: await page.textContent('main'), wide: await wide() });
    await page.screenshot({ path: path.join(shots, '3-home.png'), fullPage: true });

    out({ step: 'done', foreign });
  } finally {
    await browser.close();
  }
}

main().catch(e => {
  out({ step: 'error', error: String(e && e.stack || e) });
  process.exit(1);
});
