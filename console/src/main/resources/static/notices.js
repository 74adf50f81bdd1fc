// The notices page: compose with search as you type and live figures from the gateway's own encoder, confirm,
// send, then follow every notice (and directive alert) in the history until nothing is pending.
'use strict';

const $ = id => document.getElementById(id);
const csrf = () => decodeURIComponent((document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/) || [])[1] || '');
const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const list = s => s.split(/[,\n;]+/).map(x => x.trim()).filter(x => x);
const KIND = { group: 'Nhóm', unit: 'Đơn vị', official: 'Cán bộ' };
const PROBLEM = { 'no-mobile': 'không có số di động', disabled: 'tài khoản bị khóa' };
const ENCODING = { GSM7: 'Không dấu (GSM-7)', UCS2: 'Có dấu (UCS-2)' };
const STATUS = {
  PENDING: 'Đang chờ gửi', SENDING: 'Đang gửi', SUBMITTED: 'Đã gửi, chờ báo cáo', ENROUTE: 'Đang chuyển',
  DELIVERED: 'Đã nhận', UNDELIVERABLE: 'Không chuyển được', EXPIRED: 'Hết hạn', REJECTED: 'Bị từ chối',
  UNKNOWN: 'Chưa rõ', SENT_NO_RECEIPT: 'Đã gửi, không có báo cáo', FAILED: 'Lỗi', INVALID: 'Không có số hợp lệ'
};

// the gateway's reasons are in English (API, logs): the usual ones in Vietnamese, the rest as they are
function reason(text) {
  if (!text) return '';
  return text.replace(/^(\S+) has no mobile number in the directory$/, '$1: không có số di động trong danh bạ')
    .replace(/^account (\S+) is disabled$/, 'tài khoản $1 bị khóa')
    .replace(/^receipt (\S+)/, 'báo cáo của nhà mạng: $1');
}

async function api(method, path, body) {
  const options = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.headers['X-XSRF-TOKEN'] = csrf();
    options.body = JSON.stringify(body);
  }
  const r = await fetch(path, options);
  if (r.redirected && new URL(r.url).pathname === '/login') {
    location.href = '/login'; // the session ended
    throw new Error('Phiên đăng nhập đã hết');
  }
  const answer = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(answer.error || ('HTTP ' + r.status));
  return answer;
}

// ---- header: who, simulator, logout ----
$('logout').addEventListener('submit', () => { $('logout-csrf').value = csrf(); });
api('GET', '/web/me').then(me => { $('me').textContent = me.uid; }).catch(() => {});
fetch('/web/smsc').then(r => r.json()).then(h => {
  if (h.components && h.components.smscSimulator) $('simulator').hidden = false;
}).catch(() => {});

// ---- recipients: search as you type ----
const chosen = []; // {kind, id, label}
let searchSeq = 0;
let searchTimer;

$('search').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(search, 200);
});
$('search').addEventListener('keydown', e => {
  if (e.key === 'Enter') { // pick the first suggestion rather than submitting the form
    e.preventDefault();
    const first = $('suggestions').querySelector('button');
    if (first) first.click();
  }
});

async function search() {
  const q = $('search').value.trim();
  const seq = ++searchSeq;
  if (!q) { $('suggestions').innerHTML = ''; return; }
  try {
    const result = await api('GET', '/web/directory/search?q=' + encodeURIComponent(q));
    if (seq !== searchSeq) return; // an older answer arriving late
    $('suggestions').innerHTML = result.hits.map((h, i) =>
      `<li><button type="button" data-i="${i}"><span class="kind">${KIND[h.kind]}</span><b>${esc(h.label)}</b>` +
      `${h.detail ? ' — ' + esc(h.detail) : ''}${h.problem ? ` <span class="problem">(${PROBLEM[h.problem]})</span>` : ''}` +
      `</button></li>`).join('') +
      (result.total > result.hits.length ? `<li class="note">… và ${result.total - result.hits.length} kết quả khác: gõ thêm để thu hẹp</li>` : '') +
      (result.total === 0 ? '<li class="note">Không tìm thấy</li>' : '');
    $('suggestions').querySelectorAll('button').forEach(b => b.addEventListener('click', () => {
      const h = result.hits[Number(b.dataset.i)];
      if (!chosen.some(c => c.kind === h.kind && c.id === h.id)) chosen.push({ kind: h.kind, id: h.id, label: h.label });
      $('search').value = '';
      $('suggestions').innerHTML = '';
      $('search').focus();
      showChosen();
      audienceChanged();
    }));
  } catch (e) {
    if (seq === searchSeq) $('suggestions').innerHTML = `<li class="problem">Không tìm được: ${esc(e.message)}</li>`;
  }
}

function showChosen() {
  $('chosen').innerHTML = chosen.map((c, i) =>
    `<span class="chip"><span class="kind">${KIND[c.kind]}</span>${esc(c.label)}` +
    `<button type="button" aria-label="Bỏ ${esc(c.label)}" data-i="${i}">×</button></span>`).join('');
  $('chosen').querySelectorAll('button').forEach(b => b.addEventListener('click', () => {
    chosen.splice(Number(b.dataset.i), 1);
    showChosen();
    audienceChanged();
  }));
}

function targets() {
  const of = kind => chosen.filter(c => c.kind === kind).map(c => c.id);
  return { groups: of('group'), units: of('unit'), uids: of('official'), numbers: list($('numbers').value),
    includeSubUnits: $('subunits').checked };
}

function message() {
  return { text: $('text').value, encoding: $('encoding').value, urgent: $('urgent').checked };
}

// ---- live figures, computed by the gateway's encoder and resolver ----
let audienceTimer, textTimer, audienceSeq = 0, textSeq = 0;
let lastAudience = null, lastText = null;

function audienceChanged() { clearTimeout(audienceTimer); audienceTimer = setTimeout(previewAudience, 250); }
function textChanged() { clearTimeout(textTimer); textTimer = setTimeout(previewText, 150); }
$('numbers').addEventListener('input', audienceChanged);
$('subunits').addEventListener('change', audienceChanged);
$('text').addEventListener('input', textChanged);
$('encoding').addEventListener('change', textChanged);

async function previewAudience() {
  const t = targets();
  const seq = ++audienceSeq;
  if (!t.groups.length && !t.units.length && !t.uids.length && !t.numbers.length) {
    lastAudience = null;
    $('audience').innerHTML = '';
    return;
  }
  $('audience').innerHTML = '<span class="note">Đang đếm người nhận…</span>';
  try {
    const p = await api('POST', '/web/notices/preview', t);
    if (seq !== audienceSeq) return;
    lastAudience = p.audience;
    const a = p.audience;
    $('audience').innerHTML = a.problem
      ? `<span class="problem" id="audience-problem">${esc(a.problem)}</span>`
      : `<span>Người nhận: <b id="recipient-count">${a.recipients}</b></span>` +
        (a.withoutNumber.length ? `<span class="problem" id="without-number">${a.withoutNumber.length} không gửi được: ` +
          a.withoutNumber.map(u => esc(reason(u.reason))).join('; ') + '</span>' : '');
  } catch (e) {
    if (seq === audienceSeq) $('audience').innerHTML = `<span class="problem">${esc(e.message)}</span>`;
  }
}

async function previewText() {
  const m = message();
  const seq = ++textSeq;
  if (!m.text.trim()) { lastText = null; $('text-figures').innerHTML = ''; $('sent-text').textContent = ''; return; }
  try {
    const p = await api('POST', '/web/notices/preview', { text: m.text, encoding: m.encoding });
    if (seq !== textSeq) return;
    const t = p.text;
    lastText = t;
    if (t.problem) {
      $('text-figures').innerHTML = `<span class="problem" id="text-problem">${esc(t.problem)}</span>`;
      $('sent-text').textContent = '';
      return;
    }
    $('text-figures').innerHTML =
      `<span>Mã hóa: <b id="encoding-used" data-value="${t.encoding}">${ENCODING[t.encoding]}</b></span>` +
      `<span>Số tin: <b id="parts">${t.parts}</b> / tối đa ${t.maxParts}</span>` +
      `<span>Còn <b id="room">${t.roomInPart}</b> ký tự trong tin hiện tại</span>`;
    $('sent-text').textContent = t.sentText !== m.text.trim() ? 'Điện thoại sẽ hiện: ' + t.sentText : '';
  } catch (e) {
    if (seq === textSeq) $('text-figures').innerHTML = `<span class="problem">${esc(e.message)}</span>`;
  }
}

// ---- confirm and send ----
$('compose').addEventListener('submit', async e => {
  e.preventDefault();
  $('error').textContent = '';
  await Promise.all([previewAudience(), previewText()]);
  if (!lastAudience) { $('error').textContent = 'Chưa chọn người nhận.'; return; }
  if (lastAudience.problem) { $('error').textContent = 'Người nhận: ' + lastAudience.problem; return; }
  if (!lastAudience.recipients) { $('error').textContent = 'Không người nhận nào có số di động hợp lệ.'; return; }
  if (!lastText) { $('error').textContent = 'Chưa có nội dung.'; return; }
  if (lastText.problem) { $('error').textContent = 'Nội dung: ' + lastText.problem; return; }
  const m = message();
  $('confirm-summary').innerHTML =
    `<p>Gửi tới <b>${lastAudience.recipients}</b> số điện thoại` +
    (chosen.length ? ' (' + chosen.map(c => KIND[c.kind].toLowerCase() + ' ' + esc(c.label)).join(', ') + ')' : '') + `,` +
    ` mỗi người <b>${lastText.parts}</b> tin ${ENCODING[lastText.encoding].toLowerCase()}` +
    `${m.urgent ? ', <span class="urgent">KHẨN</span>' : ''}.</p>` +
    `<p class="notice text">${esc(lastText.sentText)}</p>`;
  $('confirm').hidden = false;
  $('compose-section').hidden = true;
  $('send').focus();
});

$('back').addEventListener('click', () => {
  $('confirm').hidden = true;
  $('compose-section').hidden = false;
});

$('send').addEventListener('click', async () => {
  $('send').disabled = true;
  try {
    const accepted = await api('POST', '/web/notices', Object.assign(targets(), message()));
    chosen.length = 0;
    showChosen();
    $('numbers').value = '';
    $('text').value = '';
    $('urgent').checked = false;
    $('audience').innerHTML = '';
    $('text-figures').innerHTML = '';
    $('sent-text').textContent = '';
    lastAudience = lastText = null;
    $('error').innerHTML = `<span class="ok" id="sent">Đã nhận thông báo #${accepted.id}: ${accepted.recipients} người nhận.</span>`;
    page = 0;
    open.add(accepted.id);
    await refreshHistory();
  } catch (e) {
    $('error').textContent = 'Không gửi được: ' + e.message;
  } finally {
    $('send').disabled = false;
    $('confirm').hidden = true;
    $('compose-section').hidden = false;
  }
});

// ---- history: refreshes by itself while something is pending ----
let page = 0;
let pollTimer;
const open = new Set(); // notices whose recipients are shown

function counts(c) {
  return `<span class="counts" data-total="${c.total}" data-delivered="${c.delivered}" data-pending="${c.pending}" data-failed="${c.failed}">` +
    `<span class="delivered">Đã nhận: <b>${c.delivered}</b>/${c.total}</span>` +
    `<span class="pending">Đang chờ: <b>${c.pending}</b></span>` +
    `<span class="failed">Lỗi: <b>${c.failed}</b></span>` +
    `<span class="noreceipt">Đã gửi, không có báo cáo: <b>${c.sentNoReceipt}</b></span></span>`;
}

function origin(n) {
  if (n.kind === 'directive') {
    return `<span class="directive">Văn bản chỉ đạo</span> <span class="mail">${esc(n.mailSubject || '(không tiêu đề)')}` +
      ` — ${esc(n.mailSender || '')}</span>`;
  }
  return `<span>Thông báo của <b>${esc(n.sender)}</b></span>`;
}

async function details(id) {
  const n = await api('GET', '/web/notices/' + id);
  return `<div class="table-wrap"><table><tr><th>Người nhận</th><th>Số</th><th>Trạng thái</th><th>Lý do</th></tr>` +
    n.recipients.map(r => `<tr data-status="${esc(r.status)}"><td>${esc(r.target.replace(/^[a-z]+:/, ''))}</td>` +
      `<td>${esc(r.number)}</td><td>${esc(STATUS[r.status] || r.status)}</td><td>${esc(reason(r.detail))}</td></tr>`).join('') +
    `</table></div>`;
}

async function refreshHistory() {
  clearTimeout(pollTimer);
  let result;
  try {
    result = await api('GET', `/web/notices?page=${page}&size=10`);
  } catch (e) {
    $('history').innerHTML = `<p class="problem">Không tải được lịch sử: ${esc(e.message)}</p>`;
    pollTimer = setTimeout(refreshHistory, 10000);
    return;
  }
  const parts = await Promise.all(result.notices.map(async n => {
    const shown = open.has(n.id);
    return `<article class="notice" id="notice-${n.id}" data-kind="${esc(n.kind)}">` +
      `<div class="head"><b>#${n.id}</b><time>${new Date(n.createdAt).toLocaleString('vi-VN')}</time>${origin(n)}` +
      `${n.urgent ? '<span class="urgent">KHẨN</span>' : ''}<span class="note">${n.segments} tin/người</span></div>` +
      `<div class="text">${esc(n.text)}</div>${counts(n.counts)}` +
      `<button type="button" class="link" data-id="${n.id}">${shown ? 'Ẩn chi tiết' : 'Xem từng người nhận'}</button>` +
      (shown ? await details(n.id).catch(e => `<p class="problem">${esc(e.message)}</p>`) : '') + `</article>`;
  }));
  $('history').innerHTML = parts.join('') || '<p class="note">Chưa có thông báo nào.</p>';
  $('history').querySelectorAll('button.link').forEach(b => b.addEventListener('click', () => {
    const id = Number(b.dataset.id);
    if (!open.delete(id)) open.add(id);
    refreshHistory();
  }));
  $('newer').disabled = page === 0;
  $('older').disabled = !result.hasMore;
  $('page-number').textContent = 'Trang ' + (page + 1);
  // poll while any shown notice still waits for its fate; stop when everything is known
  if (result.notices.some(n => n.counts.pending > 0)) pollTimer = setTimeout(refreshHistory, 3000);
}

$('newer').addEventListener('click', () => { if (page > 0) { page--; refreshHistory(); } });
$('older').addEventListener('click', () => { page++; refreshHistory(); });
refreshHistory();
