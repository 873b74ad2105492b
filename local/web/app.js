// The local upload page: presigned upload with progress, live status, years, reports, verdicts.
// Plain browser JavaScript, no build step, no external assets. Talks only to the local API.

const config = JSON.parse(document.getElementById('aoi-config')?.textContent ?? '{}');
const API = config.apiUrl ?? '/api';
/**
 * Two accounts, as two Cognito users: yours (uploads always go there) and the demo account with
 * the sample export. The page shows one at a time; while yours is empty it opens on the sample.
 */
const ACCOUNTS = { you: { userId: config.userId, token: config.token }, ...(config.demo?.token ? { demo: config.demo } : {}) };
let viewing = 'you';
const $ = (id) => document.getElementById(id);

const CATEGORY_LABELS = {
  sales_pitch: 'Sales pitch',
  swing_and_miss: 'Swing and a miss',
  irrelevant: 'Irrelevant',
  bot: 'Bot',
  too_much_too_soon: 'Too much, too soon',
  coworker_template: 'Coworker template',
  good: 'Good',
  no_message: 'No message',
};
/** Who is writing (functions/audit/model.ts ROLES), as the page names them. */
const ROLE_LABELS = {
  recruiter: 'Recruiter',
  vendor: 'Vendor',
  expert_network: 'Expert network',
  job_seeker: 'Job seeker',
  community: 'Community',
  peer: 'Peer',
  unknown: 'Unknown',
};
const ROLE_PLURALS = { recruiter: 'recruiters', vendor: 'vendors', expert_network: 'expert networks', job_seeker: 'job seekers', community: 'communities', peer: 'peers', unknown: 'unknown' };
const POLL_MS = 700;
/** Largest upload the API accepts: MAX_UPLOAD_BYTES in functions/app/ingest-upload.ts (a unit test keeps both equal). */
const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
/**
 * The page opens on the newest year with a meaningful amount of data: at least MIN_YEAR_REQUESTS
 * requests, or at least MIN_YEAR_SHARE of the busiest year's. An export taken in early January has
 * a handful of requests in the new year; the page then opens on the last full year instead.
 */
const MIN_YEAR_REQUESTS = 20;
const MIN_YEAR_SHARE = 0.1;

class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** `init.account`: whose token (default: the account on view). */
async function api(path, init = {}) {
  const { account = viewing, ...rest } = init;
  const res = await fetch(API + path, {
    ...rest,
    headers: { authorization: `Bearer ${ACCOUNTS[account].token}`, ...(rest.body ? { 'content-type': 'application/json' } : {}), ...rest.headers },
  });
  const text = await res.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (!res.ok) {
    const detail = (body && (body.detail || body.title || body.message)) || `HTTP ${res.status}`;
    throw new ApiError(res.status, detail);
  }
  return body;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

const fmtInt = (n) => (typeof n === 'number' ? n.toLocaleString('en-US') : '–');
const fmtPct = (r) => (typeof r === 'number' ? `${Math.round(r * 100)}%` : '–');
const label = (c) => CATEGORY_LABELS[c] ?? c;
const roleLabel = (r) => ROLE_LABELS[r] ?? ROLE_LABELS.unknown;

// ---------- upload ----------

const drop = $('drop');
const fileInput = $('file');
const statusEl = $('upload-status');
const progressBox = $('upload-progress');
const progressBar = $('progress-bar');
const progressLabel = $('progress-label');
const problemsEl = $('upload-problems');

function setStatus(text, kind = '') {
  statusEl.textContent = text;
  statusEl.dataset.kind = kind;
}

/** The upload line (label + bar): `uploading`, `uploaded` or `refused`, always about the latest file. */
function setProgress(state, text, value = 0) {
  progressBox.hidden = false;
  progressBox.dataset.state = state;
  progressBar.value = value;
  progressLabel.textContent = text;
}

const fmtMB = (bytes) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** A file that is not sent: the upload line and the status say so, for this file (not the previous one). */
function refuse(file, reason, status) {
  setProgress('refused', `${file.name} was not uploaded: ${reason}`);
  setStatus(status, 'failed');
}

/** Why the page will not send this file, or null. */
function refusalOf(file) {
  const name = file.name.toLowerCase();
  if (!name.endsWith('.zip') && !name.endsWith('.csv')) {
    return ['it is not a .zip or .csv file.', `“${file.name}” is not a .zip or .csv file. Upload the LinkedIn export zip, or its Invitations.csv.`];
  }
  if (file.size === 0) return ['it is empty.', `“${file.name}” is empty. Upload the LinkedIn export zip, or its Invitations.csv.`];
  if (file.size > MAX_UPLOAD_BYTES) {
    return [
      `it is ${fmtMB(file.size)}, over the ${fmtMB(MAX_UPLOAD_BYTES)} limit.`,
      `“${file.name}” is ${fmtMB(file.size)}; the limit is ${fmtMB(MAX_UPLOAD_BYTES)}. A LinkedIn export is a few MB: upload the export zip as LinkedIn sent it, or its Invitations.csv.`,
    ];
  }
  return null;
}


/** XHR (not fetch) so the bar shows real upload progress. */
function postToS3(presigned, file) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(presigned.fields ?? {})) form.append(k, v);
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', presigned.url);
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      const pct = Math.round((e.loaded / e.total) * 100);
      progressBar.value = pct;
      progressLabel.textContent = `Uploading ${file.name}: ${pct}%`;
    });
    xhr.addEventListener('load', () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`the storage refused the upload (HTTP ${xhr.status})`))));
    xhr.addEventListener('error', () => reject(new Error('the upload was interrupted; check that `aoi start` is still running and try again')));
    xhr.send(form);
  });
}

async function upload(file) {
  problemsEl.hidden = true;
  problemsEl.replaceChildren();
  const refusal = refusalOf(file);
  if (refusal) {
    refuse(file, ...refusal);
    fileInput.value = '';
    return;
  }
  drop.dataset.state = 'busy';
  setProgress('uploading', `Uploading ${file.name}…`);
  setStatus('Preparing the upload…');
  let uploaded = false;
  try {
    const presigned = await api('/uploads', { method: 'POST', body: JSON.stringify({ filename: file.name }), account: 'you' });
    if (typeof presigned.maxBytes === 'number' && file.size > presigned.maxBytes) {
      refuse(file, `it is ${fmtMB(file.size)}, over the ${fmtMB(presigned.maxBytes)} limit.`, `“${file.name}” is ${fmtMB(file.size)}; the limit is ${fmtMB(presigned.maxBytes)}.`);
      return;
    }
    await postToS3(presigned, file);
    uploaded = true;
    setProgress('uploaded', `Uploaded ${file.name}`, 100);
    if (viewing !== 'you') await showAccount('you');
    await follow(presigned.uploadId, file.name, 'you');
  } catch (err) {
    // Refused by the API or the storage: the file was not sent, and the upload line says so.
    if (!uploaded) setProgress('refused', `${file.name} was not uploaded: ${err.message}`);
    setStatus(`Upload failed: ${err.message}`, 'failed');
  } finally {
    drop.dataset.state = 'idle';
    fileInput.value = '';
  }
}

let followSeq = 0;

async function follow(uploadId, filename, account) {
  const mine = ++followSeq; // a newer upload takes over the status line
  setStatus(`Waiting for ${filename} to be processed…`);
  for (;;) {
    if (mine !== followSeq) return;
    let rec;
    try {
      rec = await api(`/uploads/${encodeURIComponent(uploadId)}`, { account });
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) throw err;
      rec = { status: 'PENDING' };
    }
    if (mine !== followSeq) return;
    if (rec.status === 'DONE') {
      const c = rec.counts ?? {};
      const years = (rec.years ?? []).join(', ');
      setStatus(`DONE: ${fmtInt(c.requests)} connection requests read from ${filename} (${fmtInt(c.received)} received, ${fmtInt(c.sent)} sent)${years ? ` in ${years}` : ''}.`, 'done');
      showProblems(rec.problems ?? [], c.problems ?? 0);
      if (account === viewing) await refresh();
      return;
    }
    if (rec.status === 'FAILED') {
      setStatus(`FAILED: ${rec.message ?? 'the export could not be read.'}`, 'failed');
      return;
    }
    setStatus(rec.status === 'PROCESSING' ? `PROCESSING ${filename}: reading and classifying…` : `Waiting for ${filename} to be processed…`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

function showProblems(problems, total) {
  if (!problems.length) return;
  problemsEl.replaceChildren(
    ...problems.map((p) => el('li', { text: `${p.file}, row ${p.row}: ${p.reason}` })),
    total > problems.length ? el('li', { text: `…and ${fmtInt(total - problems.length)} more.` }) : null,
  );
  problemsEl.hidden = false;
  statusEl.textContent += ` ${fmtInt(total)} row(s) had problems (listed below).`;
}

fileInput.addEventListener('change', () => fileInput.files?.[0] && upload(fileInput.files[0]));
for (const type of ['dragenter', 'dragover']) {
  drop.addEventListener(type, (e) => {
    e.preventDefault();
    drop.dataset.state = 'over';
  });
}
drop.addEventListener('dragleave', (e) => {
  if (!drop.contains(e.relatedTarget)) drop.dataset.state = 'idle';
});
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.dataset.state = 'idle';
  const file = e.dataTransfer?.files?.[0];
  if (file) upload(file);
});
// Dropping a file elsewhere must not navigate away from the page.
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());

// ---------- years ----------

async function openReport(year, link) {
  try {
    const { url } = await api(`/reports/${year}`);
    link.href = url;
    window.open(url, '_blank', 'noopener');
  } catch (err) {
    link.after(el('p', { class: 'meta', role: 'alert', text: `Report ${year}: ${err.message}` }));
  }
}

function yearCard(stats) {
  const t = stats.totals ?? {};
  const all = (t.accept ?? 0) + (t.ignore ?? 0) + (t.neither ?? 0) || 1;
  const sent = stats.sentAcceptance ?? {};
  const cov = stats.coverage;
  const link = el('a', { class: 'button', href: `${API}/reports/${stats.year}`, 'data-report': stats.year, text: `Open the ${stats.year} report` });
  link.addEventListener('click', (e) => {
    e.preventDefault();
    openReport(stats.year, link);
  });
  return el(
    'article',
    { class: 'year', 'data-year': stats.year, 'aria-labelledby': `y-${stats.year}` },
    el('h3', { id: `y-${stats.year}` }, String(stats.year), el('small', { text: `${fmtInt((t.received ?? 0) + (t.sent ?? 0))} requests` })),
    el(
      'dl',
      {},
      el('div', {}, el('dt', { text: 'Received' }), el('dd', { text: fmtInt(t.received) })),
      el('div', {}, el('dt', { text: 'Sent' }), el('dd', { text: fmtInt(t.sent) })),
      el('div', {}, el('dt', { text: 'With note' }), el('dd', { text: fmtInt(t.withNote) })),
      el('div', {}, el('dt', { text: 'Accept' }), el('dd', { class: 'accept', text: fmtInt(t.accept) })),
      el('div', {}, el('dt', { text: 'Ignore' }), el('dd', { class: 'ignore', text: fmtInt(t.ignore) })),
      el('div', {}, el('dt', { text: 'Neither' }), el('dd', { text: fmtInt(t.neither) })),
    ),
    el(
      'div',
      { class: 'bar', role: 'img', 'aria-label': `${fmtInt(t.accept)} accept, ${fmtInt(t.ignore)} ignore, ${fmtInt(t.neither)} without a note` },
      el('span', { class: 'a', style: `width:${(100 * (t.accept ?? 0)) / all}%` }),
      el('span', { class: 'i', style: `width:${(100 * (t.ignore ?? 0)) / all}%` }),
      el('span', { class: 'n', style: `width:${(100 * (t.neither ?? 0)) / all}%` }),
    ),
    el('p', { class: 'meta', text: stats.worstCategory ? `Most common reason to ignore: ${label(stats.worstCategory)}.` : 'No request to ignore.' }),
    sent.sent
      ? el('p', {
          class: 'meta',
          text:
            typeof sent.rate === 'number'
              ? `Your sent requests: ${fmtInt(sent.accepted)} of ${fmtInt(sent.sent)} accepted (${fmtPct(sent.rate)}).`
              : `You sent ${fmtInt(sent.sent)}; whether they were accepted is unknown (the export has no Connections.csv).`,
        })
      : null,
    whoWrites(stats),
    cov && typeof cov.ratio === 'number'
      ? el('p', { class: `meta coverage${cov.complete ? '' : ' partial'}`, title: cov.advice ?? '', text: `Your exports cover ${fmtPct(cov.ratio)} of ${stats.year} so far (${fmtInt(cov.coveredDays)} of ${fmtInt(cov.elapsedDays)} days).` })
      : null,
    el(
      'div',
      { class: 'actions' },
      link,
      el('button', { type: 'button', class: 'button subtle', onclick: () => showYear(stats.year), text: 'See its requests' }),
    ),
  );
}

/**
 * "Who writes to you" from the year's stats: the roles of the received requests with a note (their
 * share and IGNORE count), and of the sent ones, how many each role accepted.
 */
function whoWrites(stats) {
  const byRole = stats.byDirection?.INCOMING?.byRole;
  if (!byRole) return null;
  const received = Object.entries(byRole)
    .map(([role, r]) => ({ role, total: r.total - (r.byVerdict?.NEITHER ?? 0), ignore: r.byVerdict?.IGNORE ?? 0, accept: r.byVerdict?.ACCEPT ?? 0 }))
    .filter((r) => r.total > 0)
    .sort((a, b) => b.total - a.total);
  const noted = received.reduce((n, r) => n + r.total, 0);
  const sent = Object.entries(stats.sentAcceptance?.byRole ?? {})
    .filter(([role, c]) => role !== 'unknown' && typeof c?.rate === 'number')
    .sort((a, b) => b[1].sent - a[1].sent);
  if (!noted && !sent.length) return null;
  return el(
    'div',
    { class: 'who-writes', 'data-who-writes': stats.year },
    el('strong', { text: 'Who writes to you' }),
    el(
      'ul',
      {},
      ...received.map((r) =>
        el('li', { 'data-role': r.role, text: `${roleLabel(r.role)}: ${fmtPct(r.total / noted)} of the notes (${fmtInt(r.total)}; ${fmtInt(r.accept)} accept, ${fmtInt(r.ignore)} ignore)` }),
      ),
      sent.length ? el('li', { class: 'sent-roles', text: `You wrote to: ${sent.map(([role, c]) => `${ROLE_PLURALS[role] ?? role} accepted ${fmtPct(c.rate)}`).join(', ')}.` }) : null,
    ),
  );
}

function yearsOf(body) {
  const list = Array.isArray(body) ? body : (body?.years ?? []);
  return list.map((y) => (typeof y === 'object' ? y.year : y)).map(Number).sort((a, b) => b - a);
}

const requestsOf = (stats) => (stats.totals?.received ?? 0) + (stats.totals?.sent ?? 0);

/**
 * The year the page opens on: the newest year with at least MIN_YEAR_REQUESTS requests or at
 * least MIN_YEAR_SHARE of the busiest year's (the busiest year always qualifies); null without years.
 */
function openingYear(stats) {
  if (!stats.length) return null;
  const busiest = Math.max(...stats.map(requestsOf));
  const meaningful = stats.filter((s) => requestsOf(s) >= MIN_YEAR_REQUESTS || requestsOf(s) >= MIN_YEAR_SHARE * busiest);
  return Math.max(...meaningful.map((s) => s.year));
}

/** Until the user picks a year (or "All years"), the page picks it: openingYear, again after each upload. */
let yearPicked = false;

async function loadYears() {
  const years = yearsOf(await api('/years'));
  $('years-empty').hidden = years.length > 0;
  const stats = await Promise.all(years.map((y) => api(`/stats/${y}`).catch(() => ({ year: y, totals: {} }))));
  $('years').replaceChildren(...stats.map(yearCard));
  const select = $('filter-year');
  const current = select.value;
  select.replaceChildren(el('option', { value: '', text: 'All years' }), ...years.map((y) => el('option', { value: y, text: String(y) })));
  const opening = openingYear(stats);
  if (!yearPicked && opening !== null) select.value = String(opening);
  else select.value = years.map(String).includes(current) ? current : '';
  markShownYear();
}

/** The card of the year whose requests are listed. */
function markShownYear() {
  const shownYear = $('filter-year').value;
  for (const card of document.querySelectorAll('.year')) {
    if (card.dataset.year === shownYear) card.setAttribute('aria-current', 'true');
    else card.removeAttribute('aria-current');
  }
}

function showYear(year) {
  yearPicked = true;
  $('filter-year').value = String(year);
  loadVerdicts();
  $('verdicts-title').scrollIntoView({ behavior: 'smooth' });
}

// ---------- verdicts ----------

$('filter-category').append(...Object.entries(CATEGORY_LABELS).map(([value, text]) => el('option', { value, text })));
$('filter-role').append(...Object.entries(ROLE_LABELS).map(([value, text]) => el('option', { value, text })));

let cursor = null;
let shown = 0;

function highlight(message, evidences) {
  const words = evidences.filter((e) => e && message.includes(e)).sort((a, b) => b.length - a.length);
  if (!words.length) return [message];
  const parts = [];
  let rest = message;
  while (rest) {
    let best = -1;
    let word = '';
    for (const w of words) {
      const i = rest.indexOf(w);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
        word = w;
      }
    }
    if (best < 0) {
      parts.push(rest);
      break;
    }
    parts.push(rest.slice(0, best), el('mark', { text: word }));
    rest = rest.slice(best + word.length);
  }
  return parts;
}

function verdictRow(v) {
  const reasons = v.reasons ?? [];
  const date = v.sentAt ? new Date(v.sentAt).toLocaleDateString('en-CA') : '';
  const who = v.counterpart?.name || 'Unknown';
  const note = v.message ? el('div', { class: 'note' }, ...highlight(v.message, reasons.map((r) => r.evidence))) : el('div', { class: 'note' }, el('span', { class: 'empty', text: 'No note' }));
  const why = reasons.length || v.advice || v.kept
    ? el(
        'details',
        {},
        el('summary', { text: `Why ${v.verdict === 'ACCEPT' ? 'accept' : v.verdict === 'IGNORE' ? 'ignore' : 'neither'}?${v.unsure ? ' (unsure)' : ''}` }),
        el('ul', {}, ...reasons.map((r) => el('li', {}, r.description ?? r.rule, r.evidence ? `: “${r.evidence}”` : ''))),
        v.advice ? el('p', { class: 'advice', text: `Advice: ${v.advice}` }) : null,
        v.kept ? el('p', { class: 'advice', text: `Kept by your job seeker’s view: ${v.kept.reason}` }) : null,
      )
    : null;
  return el(
    'tr',
    { 'data-id': v.id, 'data-sent-at': v.sentAt, 'data-category': v.category, 'data-direction': v.direction, 'data-verdict': v.verdict, 'data-role': v.role ?? 'unknown', 'data-unsure': v.unsure ? 'true' : undefined },
    el('td', { class: 'date', text: date }),
    el(
      'td',
      { class: 'whocell' },
      el('span', { class: 'who', text: who }),
      el('span', { class: 'dir', text: v.direction === 'OUTGOING' ? 'sent by you' : 'received' }),
      el('span', { class: 'role', 'data-role': v.role ?? 'unknown', title: roleReasons(v), text: roleLabel(v.role) }),
    ),
    el('td', { class: 'notecell' }, note, why),
    el('td', { class: 'cat', text: label(v.category) }),
    el('td', { class: 'verdictcell' }, verdictBadge(v), v.kept ? el('span', { class: 'kept', title: v.kept.reason, text: 'kept: job seeker’s view' }) : null),
  );
}

/** Why the role was chosen, for a tooltip. */
function roleReasons(v) {
  const reasons = (v.roleReasons ?? []).map((r) => `${r.description ?? r.rule}${r.evidence ? `: “${r.evidence}”` : ''}`);
  return reasons.length ? `Who is writing: ${roleLabel(v.role)} — ${reasons.join('; ')}` : `Who is writing: ${roleLabel(v.role)} (nothing in the note says)`;
}

/** The verdict; an unsure one (the API's `unsure`: confidence below 0.6) as "unsure — 0.52" with the way it leans, not as a fact. */
function verdictBadge(v) {
  if (!v.unsure) return el('span', { class: `badge ${v.verdict}`, text: v.verdict });
  const confidence = typeof v.confidence === 'number' ? v.confidence.toFixed(2) : '?';
  return el(
    'span',
    { class: 'unsure', title: `The classifier is not sure (confidence ${confidence}): read the note and judge for yourself.` },
    el('span', { class: 'badge unsure', text: `unsure — ${confidence}` }),
    el('span', { class: 'lean', text: `leans ${v.verdict}` }),
  );
}

let listSeq = 0;

/** The first page of the list for the filters (or, with `more`, the next page): newest first, as the API orders it across pages. */
async function loadVerdicts(more = false) {
  const form = new FormData($('filters'));
  const q = new URLSearchParams({ limit: '25' });
  for (const k of ['year', 'category', 'direction', 'role']) if (form.get(k)) q.set(k, String(form.get(k)));
  if (more && cursor) q.set('cursor', cursor);
  const mine = more ? listSeq : ++listSeq; // new filters make a page still on its way stale
  const tbody = $('verdicts').tBodies[0];
  markShownYear();
  if (more) $('more').hidden = true; // one next page at a time
  try {
    const page = await api(`/verdicts?${q}`);
    if (mine !== listSeq) return;
    const items = page.items ?? [];
    if (!more) {
      tbody.replaceChildren();
      shown = 0;
    }
    tbody.append(...items.map(verdictRow));
    shown += items.length;
    cursor = page.cursor ?? null;
    $('more').hidden = !cursor;
    const year = form.get('year');
    $('verdicts-summary').textContent = shown
      ? `Showing ${fmtInt(shown)}${cursor ? '+' : ''} request(s)${year ? ` of ${year}` : ''}, newest first.`
      : 'No request matches these filters.';
  } catch (err) {
    if (mine !== listSeq) return;
    $('more').hidden = !cursor;
    $('verdicts-summary').textContent = `Could not load the requests: ${err.message}`;
  }
}

$('filters').addEventListener('change', (e) => {
  if (e.target?.id === 'filter-year') yearPicked = true;
  loadVerdicts();
});
$('filters').addEventListener('submit', (e) => e.preventDefault());
$('more').addEventListener('click', () => loadVerdicts(true));

// ---------- your view (settings) ----------

const keepBox = $('keep-recruiter');
const viewStatus = $('view-status');

/** Shows the stored setting of your account (GET /settings). */
async function loadSettings() {
  try {
    const settings = await api('/settings', { account: 'you' });
    keepBox.checked = (settings.keep ?? []).includes('recruiter');
    keepBox.disabled = false;
  } catch (err) {
    viewStatus.textContent = `Could not load your view: ${err.message}`;
    viewStatus.dataset.kind = 'failed';
  }
}

keepBox.addEventListener('change', async () => {
  const keep = keepBox.checked ? ['recruiter'] : [];
  keepBox.disabled = true;
  viewStatus.dataset.kind = '';
  viewStatus.textContent = 'Saving…';
  try {
    const saved = await api('/settings', { method: 'PUT', body: JSON.stringify({ keep }), account: 'you' });
    keepBox.checked = (saved.keep ?? []).includes('recruiter');
    viewStatus.textContent = `Saved: ${keepBox.checked ? 'the job seeker’s view' : 'the standard view'}. It applies to your next upload; upload your latest export again to re-grade what is stored.`;
    viewStatus.dataset.kind = 'done';
  } catch (err) {
    keepBox.checked = !keepBox.checked;
    viewStatus.textContent = `Could not save your view: ${err.message}`;
    viewStatus.dataset.kind = 'failed';
  } finally {
    keepBox.disabled = false;
  }
});

// ---------- start ----------

async function refresh() {
  try {
    await loadYears();
  } catch (err) {
    $('years-empty').hidden = false;
    $('years-empty').textContent = `Could not load your years: ${err.message}`;
  }
  await loadVerdicts();
}

// ---------- whose data ----------

/** Shows one account's years and verdicts; the switch and the banner say whose. */
async function showAccount(account) {
  viewing = account;
  const demo = account === 'demo';
  for (const b of document.querySelectorAll('#account-switch button')) b.setAttribute('aria-pressed', String(b.dataset.account === account));
  $('demo-banner').hidden = !demo;
  $('years-title').textContent = demo ? '2. The sample\u2019s years (demo account)' : '2. Your years';
  $('user-id').textContent = ACCOUNTS[account].userId ?? '';
  yearPicked = false;
  await refresh();
}

// ---------- delete my data ----------

$('delete-data').addEventListener('click', () => {
  $('delete-confirm').hidden = false;
  $('delete-no').focus();
});
$('delete-no').addEventListener('click', () => {
  $('delete-confirm').hidden = true;
  $('delete-data').focus();
});
$('delete-yes').addEventListener('click', async () => {
  $('delete-confirm').hidden = true;
  const status = $('delete-status');
  status.textContent = 'Deleting…';
  try {
    const { deleted } = await api('/data', { method: 'DELETE', account: 'you' });
    const parts = [`${fmtInt(deleted.verdicts)} verdicts`, `${fmtInt(deleted.stats)} yearly stats`, `${fmtInt(deleted.uploads)} uploads`, `${fmtInt(deleted.objects)} stored files`];
    status.textContent = `Deleted: ${parts.join(', ')}. Nothing of yours is left.`;
    status.dataset.kind = 'done';
    await loadSettings();
    if (viewing === 'you') await refresh();
  } catch (err) {
    status.textContent = `Could not delete: ${err.message}`;
    status.dataset.kind = 'failed';
  }
});

$('refresh').addEventListener('click', refresh);
$('api-url').textContent = API;
$('account-switch').hidden = !ACCOUNTS.demo;
for (const b of document.querySelectorAll('#account-switch button')) b.addEventListener('click', () => showAccount(b.dataset.account));

async function start() {
  loadSettings();
  const yearsOfAccount = (account) => api('/years', { account }).then(yearsOf, () => []);
  const yours = await yearsOfAccount('you');
  // Nothing of yours yet, and a sample there (or on its way): open on the sample, with a banner saying so.
  const sampleThere = ACCOUNTS.demo && (config.demo.seedUploadId || (!yours.length && (await yearsOfAccount('demo')).length));
  await showAccount(!yours.length && sampleThere ? 'demo' : 'you');
  // First start: the sample export is being processed; follow it like an upload.
  if (config.demo?.seedUploadId) {
    follow(config.demo.seedUploadId, 'the sample export (an invented person, in the demo account)', 'demo').catch((err) => setStatus(`Sample export: ${err.message}`, 'failed'));
  }
}
start();
