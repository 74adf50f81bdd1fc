// The sign-in's second step in the system's headless Chromium on a phone-sized screen: an official with a second
// factor types the password, lands on "Xác thực hai bước", finds the home page still closed, is told in Vietnamese
// that a wrong code is refused, types the right one and reaches the home page. The codes come from the JUnit side,
// computed on the console's clock, which does not move while this runs.
// Prints one JSON line per step on stdout (the JUnit side checks them); exits 0 only if every step ran.
//
// Environment: LOGIN, PASSWORD, WRONG, CODE, and browser.js's URL, SCREENSHOTS, CHROMIUM, TIMEOUT_MS.
'use strict';
const path = require('path');
const { env, out, run } = require('./browser');

run(async (page, { base, shots, foreign }) => {
  const wide = async () => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

  await page.goto(base + '/login');
  await page.fill('#username', env('LOGIN'));
  await page.fill('#password', env('PASSWORD'));
  await Promise.all([page.waitForURL(base + '/login/code'), page.click('main button[type=submit]')]);
  out({ step: 'code-form', heading: await page.textContent('main h2'), wide: await wide() });
  await page.screenshot({ path: path.join(shots, '1-code-form.png'), fullPage: true });

  await page.goto(base + '/');
  out({ step: 'home-before-code', url: page.url() });

  await page.fill('#code', env('WRONG'));
  await Promise.all([page.waitForLoadState('load'), page.click('main button[type=submit]')]);
  await page.waitForSelector('.error li');
  out({ step: 'refused', problems: await page.locator('.error li').allTextContents() });
  await page.screenshot({ path: path.join(shots, '2-wrong-code.png'), fullPage: true });

  await page.fill('#code', env('CODE'));
  await Promise.all([page.waitForURL(base + '/'), page.click('main button[type=submit]')]);
  out({ step: 'home', text: await page.textContent('main'), wide: await wide() });
  await page.screenshot({ path: path.join(shots, '3-home.png'), fullPage: true });

  out({ step: 'done', foreign });
});
