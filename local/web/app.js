// The local upload page: presigned upload with progress, live status, years, reports, verdicts.
// Plain browser JavaScript, no build step, no external assets. Talks only to the local API.

const config = JSON.parse(document.getElementById('aoi-config')?.textContent ?? '{}');
const API = config.apiUrl ?? '/api';
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
const POLL_MS = 700;

class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function api(path, init = {}) {
  const res = await fetch(API + path, {
    ...init,
    headers: { authorization: `Bearer ${config.token}`, ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
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
  const name = file.name.toLowerCase();
  if (!name.endsWith('.zip') && !name.endsWith('.csv')) {
    setStatus(`“${file.name}” is not a .zip or .csv file. Upload the LinkedIn export zip, or its Invitations.csv.`, 'failed');
    return;
  }
  drop.dataset.state = 'busy';
  problemsEl.hidden = true;
  problemsEl.replaceChildren();
  progressBox.hidden = false;
  progressBar.value = 0;
  progressLabel.textContent = `Uploading ${file.name}…`;
  setStatus('Preparing the upload…');
  try {
    const presigned = await api('/uploads', { method: 'POST', body: JSON.stringify({ filename: file.name }) });
    await postToS3(presigned, file);
    progressBar.value = 100;
    progressLabel.textContent = `Uploaded ${file.name}`;
    await follow(presigned.uploadId, file.name);
  } catch (err) {
    setStatus(`Upload failed: ${err.message}`, 'failed');
  } finally {
    drop.dataset.state = 'idle';
    fileInput.value = '';
  }
}

let followSeq = 0;

async function follow(uploadId, filename) {
  const mine = ++followSeq; // a newer upload takes over the status line
  setStatus(`Waiting for ${filename} to be processed…`);
  for (;;) {
    if (mine !== followSeq) return;
    let rec;
    try {
      rec = await api(`/uploads/${encodeURIComponent(uploadId)}`);
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
      await refresh();
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

function yearsOf(body) {
  const list = Array.isArray(body) ? body : (body?.years ?? []);
  return list.map((y) => (typeof y === 'object' ? y.year : y)).map(Number).sort((a, b) => b - a);
}

async function loadYears() {
  const years = yearsOf(await api('/years'));
  $('years-empty').hidden = years.length > 0;
  const stats = await Promise.all(years.map((y) => api(`/stats/${y}`).catch(() => ({ year: y, totals: {} }))));
  $('years').replaceChildren(...stats.map(yearCard));
  const select = $('filter-year');
  const current = select.value;
  select.replaceChildren(el('option', { value: '', text: 'All years' }), ...years.map((y) => el('option', { value: y, text: String(y) })));
  select.value = years.map(String).includes(current) ? current : '';
}

function showYear(year) {
  $('filter-year').value = String(year);
  loadVerdicts();
  $('verdicts-title').scrollIntoView({ behavior: 'smooth' });
}

// ---------- verdicts ----------

$('filter-category').append(...Object.entries(CATEGORY_LABELS).map(([value, text]) => el('option', { value, text })));

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
  const why = reasons.length || v.advice
    ? el(
        'details',
        {},
        el('summary', { text: `Why ${v.verdict === 'ACCEPT' ? 'accept' : v.verdict === 'IGNORE' ? 'ignore' : 'neither'}?${v.unsure ? ' (unsure)' : ''}` }),
        el('ul', {}, ...reasons.map((r) => el('li', {}, r.description ?? r.rule, r.evidence ? `: “${r.evidence}”` : ''))),
        v.advice ? el('p', { class: 'advice', text: `Advice: ${v.advice}` }) : null,
      )
    : null;
  return el(
    'tr',
    { 'data-category': v.category, 'data-direction': v.direction, 'data-verdict': v.verdict, 'data-unsure': v.unsure ? 'true' : undefined },
    el('td', { class: 'date', text: date }),
    el('td', { class: 'whocell' }, el('span', { class: 'who', text: who }), el('span', { class: 'dir', text: v.direction === 'OUTGOING' ? 'sent by you' : 'received' })),
    el('td', { class: 'notecell' }, note, why),
    el('td', { class: 'cat', text: label(v.category) }),
    el('td', { class: 'verdictcell' }, verdictBadge(v)),
  );
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

async function loadVerdicts(more = false) {
  const form = new FormData($('filters'));
  const q = new URLSearchParams({ limit: '25' });
  for (const k of ['year', 'category', 'direction']) if (form.get(k)) q.set(k, String(form.get(k)));
  if (more && cursor) q.set('cursor', cursor);
  const tbody = $('verdicts').tBodies[0];
  try {
    const page = await api(`/verdicts?${q}`);
    const items = page.items ?? [];
    if (!more) {
      tbody.replaceChildren();
      shown = 0;
    }
    // newest first within the page
    tbody.append(...[...items].sort((a, b) => String(b.sentAt).localeCompare(String(a.sentAt))).map(verdictRow));
    shown += items.length;
    cursor = page.cursor ?? null;
    $('more').hidden = !cursor;
    $('verdicts-summary').textContent = shown ? `Showing ${fmtInt(shown)}${cursor ? '+' : ''} request(s).` : 'No request matches these filters.';
  } catch (err) {
    $('verdicts-summary').textContent = `Could not load the requests: ${err.message}`;
  }
}

$('filters').addEventListener('change', () => loadVerdicts());
$('filters').addEventListener('submit', (e) => e.preventDefault());
$('more').addEventListener('click', () => loadVerdicts(true));

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

$('refresh').addEventListener('click', refresh);
$('api-url').textContent = API;
$('user-id').textContent = config.userId ?? '';
refresh();
// First start: the sample export is being processed; show it like an upload of your own.
if (config.seedUploadId) follow(config.seedUploadId, 'the sample export (invented demo data)').catch((err) => setStatus(`Sample export: ${err.message}`, 'failed'));
