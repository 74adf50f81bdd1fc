// The notices page of the console in the system's headless Chromium (Debian `chromium`), driven by playwright-core, on
// a phone-sized screen: an official outside notice-senders is refused the page; a notice sender finds a person and a group by
// typing without diacritics, sees the recipient count, encoding, parts and characters left, marks it urgent,
// confirms, sends, and watches the history until every recipient with a mobile shows "delivered".
// Prints one JSON line per step on stdout (the JUnit side checks the figures); exits 0 only if every step passed.
//
// Environment: SENDER, SENDER_PASSWORD, OFFICIAL, OFFICIAL_PASSWORD, PERSON_QUERY, PERSON_NAME, GROUP_QUERY, GROUP,
// TEXT, SENT_TEXT (what the gateway's encoder makes of TEXT), and browser.js's URL, SCREENSHOTS, CHROMIUM, TIMEOUT_MS.
'use strict';
const path = require('path');
const { env, out, timeout, run } = require('./browser');

run(async (page, { base, shots, foreign, pageErrors }) => {
  // an official outside notice-senders
  await page.goto(base + '/notices');
  await page.waitForURL(/\/login/);
  await page.fill('#username', env('OFFICIAL'));
  await page.fill('#password', env('OFFICIAL_PASSWORD'));
  await Promise.all([page.waitForURL(base + '/'), page.click('button[type=submit]')]);
  const link = await page.locator('#notices').count();
  const refused = await page.goto(base + '/notices');
  out({ step: 'refused', status: refused.status(), link, message: await page.textContent('#forbidden') });
  await page.screenshot({ path: path.join(shots, '1-refused.png'), fullPage: true });
  await Promise.all([page.waitForURL(/\/login\?logout/), page.click('header button[type=submit]')]);

  // a notice sender, from the console's home page
  await page.fill('#username', env('SENDER'));
  await page.fill('#password', env('SENDER_PASSWORD'));
  await Promise.all([page.waitForURL(base + '/'), page.click('button[type=submit]')]);
  await Promise.all([page.waitForURL(base + '/notices'), page.click('#notices')]);
  await page.waitForSelector('#history article, #history p');
  out({ step: 'logged-in', user: await page.textContent('#me'),
    simulatorBanner: await page.isVisible('#simulator') });

  // a person, typed without diacritics
  await page.locator('#search').pressSequentially(env('PERSON_QUERY'), { delay: 40 });
  const person = page.locator('#suggestions button', { hasText: env('PERSON_NAME') });
  await person.first().waitFor();
  out({ step: 'person-found', query: env('PERSON_QUERY'),
    suggestions: await page.locator('#suggestions button').allTextContents() });
  await page.fill('#search', '');

  // the group, typed without diacritics, picked from the suggestions
  await page.locator('#search').pressSequentially(env('GROUP_QUERY'), { delay: 40 });
  const group = page.locator('#suggestions button', { hasText: env('GROUP') });
  await group.first().waitFor();
  out({ step: 'group-found', query: env('GROUP_QUERY'),
    suggestions: await page.locator('#suggestions button').allTextContents() });
  await group.first().click();
  await page.waitForSelector('#recipient-count');
  const chips = await page.locator('#chosen .chip').allTextContents();

  // the text, with diacritics; wait for the figures of the whole text
  await page.locator('#text').pressSequentially(env('TEXT'), { delay: 15 });
  await page.waitForFunction(expected => document.getElementById('sent-text').textContent.endsWith(expected),
    env('SENT_TEXT'));
  out({ step: 'preview', chips,
    recipients: Number(await page.textContent('#recipient-count')),
    withoutNumber: await page.locator('#without-number').textContent().catch(() => ''),
    encoding: await page.getAttribute('#encoding-used', 'data-value'),
    parts: Number(await page.textContent('#parts')),
    room: Number(await page.textContent('#room')),
    figures: await page.textContent('#text-figures'),
    sentText: await page.textContent('#sent-text') });
  await page.screenshot({ path: path.join(shots, '2-compose.png'), fullPage: true });

  await page.check('#urgent');
  await page.click('#review');
  await page.waitForSelector('#confirm:not([hidden])');
  out({ step: 'confirm', summary: await page.textContent('#confirm-summary') });
  await page.screenshot({ path: path.join(shots, '3-confirm.png'), fullPage: true });
  await page.click('#send');
  await page.waitForSelector('#sent');
  const id = Number((await page.textContent('#sent')).match(/#(\d+)/)[1]);
  out({ step: 'sent', id, message: await page.textContent('#sent') });

  // the history refreshes by itself until nothing is pending
  const counts = page.locator(`#notice-${id} .counts`);
  await page.waitForFunction(nid => {
    const c = document.querySelector(`#notice-${nid} .counts`);
    return c && c.dataset.pending === '0' && Number(c.dataset.delivered) > 0;
  }, id, { timeout });
  const statuses = await page.locator(`#notice-${id} tr[data-status]`).evaluateAll(rows =>
    rows.map(r => ({ status: r.dataset.status, cells: Array.from(r.cells).map(c => c.textContent) })));
  out({ step: 'delivered', id,
    total: Number(await counts.getAttribute('data-total')),
    delivered: Number(await counts.getAttribute('data-delivered')),
    failed: Number(await counts.getAttribute('data-failed')),
    pending: Number(await counts.getAttribute('data-pending')),
    urgent: await page.isVisible(`#notice-${id} .urgent`),
    recipients: statuses });
  await page.screenshot({ path: path.join(shots, '4-history.png'), fullPage: true });
  out({ step: 'done', foreignRequests: foreign, pageErrors });
});
