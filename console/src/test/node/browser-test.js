// The console in the system's headless Chromium (Debian `chromium`), driven by playwright-core, on a phone-sized
// screen: an official with an initial password signs in, lands on "Đổi mật khẩu", finds every other page sends them
// back there, is told in Vietnamese why a weak password is refused, sets a good one and reaches the home page with
// their name and mail settings.
// Prints one JSON line per step on stdout (the JUnit side checks them); exits 0 only if every step ran.
//
// Environment: LOGIN, INITIAL, WEAK, NEW, and browser.js's URL, SCREENSHOTS, CHROMIUM, TIMEOUT_MS.
'use strict';
const path = require('path');
const { env, out, run } = require('./browser');

run(async (page, { base, shots, foreign }) => {
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
});
