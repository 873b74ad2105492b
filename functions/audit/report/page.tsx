/**
 * The yearly page, rendered with preact-render-to-string: every piece of user text goes through
 * JSX, which escapes by default. Links are emitted only for vetted https://www.linkedin.com/ URLs
 * (see safeProfileUrl); the CSP allows no script and no external request.
 */
import { render } from 'preact-render-to-string';
import { CATEGORIES, UNSURE_BELOW, VERDICTS, type Category, type Role, type Verdict } from '../model.ts';
import type { ExampleView, ReportModel, TemplateView } from './build.ts';
import { BarChart, Legend, MonthChart } from './charts.tsx';
import { listMonths, longDate, monthName } from '../dates.ts';
import { CATEGORY_COLOR, CATEGORY_TEXT, ROLE_COLOR, ROLE_TEXT, VERDICT_COLOR, VERDICT_TEXT } from './labels.ts';
import { CSS } from './style.ts';

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
const capitalise = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const conf = (x: number) => x.toFixed(2);

/**
 * The verdict as a badge; a verdict below UNSURE_BELOW is shown as "unsure — 0.52" with the way it
 * leans, never as a fact.
 */
function VerdictBadge(props: { verdict: Verdict; unsure: boolean; confidence: number }) {
  if (!props.unsure) return <span class={`badge b-${props.verdict}`}>{props.verdict}</span>;
  return (
    <span class="unsure" title={`The classifier is not sure (confidence ${conf(props.confidence)}, below ${UNSURE_BELOW}): read the note and judge for yourself.`}>
      <span class="badge b-unsure">{`unsure — ${conf(props.confidence)}`}</span> <span class="lean">{`leans ${props.verdict}`}</span>
    </span>
  );
}

function CategoryTag(props: { category: Category }) {
  return <span class="tag" style={{ background: CATEGORY_COLOR[props.category] }}>{CATEGORY_TEXT[props.category].label}</span>;
}

/** A template's text with its slots (`{name}`, `{…}`) set apart. */
function Pattern(props: { text: string }) {
  return <>{props.text.split(/(\{name\}|\{…\})/u).map((part, i) => (i % 2 === 1 ? <span class="slot">{part}</span> : part))}</>;
}

/** "You sent this note to 12 people; only the name changed." */
function sentToLine(n: number, pattern?: string): string {
  return `You sent this note to ${n} people; only the name${pattern?.includes('{…}') ? ' and one detail' : ''} changed.`;
}

function Person(props: { name: string; profileUrl: string | null }) {
  return props.profileUrl ? (
    <a href={props.profileUrl} rel="noopener noreferrer nofollow">{props.name}</a>
  ) : (
    <span>{props.name}</span>
  );
}

function Note(props: { example: ExampleView }) {
  const e = props.example;
  const c = e.counterpart;
  const who = e.direction === 'INCOMING' ? 'From' : 'To';
  return (
    <blockquote class="note">
      {e.segments.map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}
      <footer>
        {who} <Person name={c.name} profileUrl={c.profileUrl} />
        {c.position || c.company ? <>, {[c.position, c.company].filter(Boolean).join(' at ')}</> : null}
        {' · '}
        <time>{e.date}</time>
        {e.direction === 'OUTGOING' && e.outcome !== 'unknown' ? ` · ${e.outcome === 'accepted' ? 'accepted' : 'not accepted (yet)'}` : null}
      </footer>
    </blockquote>
  );
}

function Reasons(props: { example: ExampleView; heading: string }) {
  const reasons = props.example.reasons.filter((r) => r.category === props.example.category);
  if (reasons.length === 0) return null;
  return (
    <div class="why">
      <h4>{props.heading}</h4>
      <ul>
        {reasons.map((r) => (
          // The rule id is for the curious (and for bug reports): a tooltip, never in the text.
          <li title={`Rule: ${r.rule}`} data-rule={r.rule}>
            {capitalise(r.description ?? CATEGORY_TEXT[r.category].lesson)}
            {r.evidence ? <> — <q>{r.evidence}</q>{r.inNote ? null : <span class="muted"> (from the context)</span>}</> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ExampleCard(props: { example: ExampleView; title?: string; count?: string; lesson?: string; why: string; fix?: boolean; level?: 3 | 4 }) {
  const e = props.example;
  return (
    <article class={`card cr v-${e.verdict}`}>
      <header>
        <h3>{props.title ?? CATEGORY_TEXT[e.category].label}</h3>
        <span>
          {props.count ? <span class="count">{props.count} </span> : null}
          <VerdictBadge verdict={e.verdict} unsure={e.unsure} confidence={e.confidence} />
        </span>
      </header>
      {props.lesson ? <p class="muted">{props.lesson}</p> : null}
      {e.unsure ? <p class="unsure-note">Unsure: the classifier's confidence is only {conf(e.confidence)}. Read the note and judge for yourself.</p> : null}
      {e.sentTo !== null && e.sentTo >= 2 ? <p class={`sent-to${e.sentTo < 3 ? ' few' : ''}`}>{sentToLine(e.sentTo)}</p> : null}
      {e.kept ? <KeptLine example={e} /> : null}
      <Note example={e} />
      <Reasons example={e} heading={props.why} />
      {props.fix !== false && e.advice && e.verdict === 'IGNORE' ? (
        <div class="fix">
          <h4>What would have made it an ACCEPT</h4>
          <p>{e.advice}</p>
        </div>
      ) : null}
    </article>
  );
}

function RoleTag(props: { role: Role }) {
  return <span class="tag" style={{ background: ROLE_COLOR[props.role] }}>{ROLE_TEXT[props.role].label}</span>;
}

/** A verdict the user's view changed: said, with the seed's category beside it. */
function KeptLine(props: { example: ExampleView }) {
  return (
    <p class="kept">
      Kept by your job seeker's view: {props.example.kept} (the seed's category: <CategoryTag category={props.example.category} />)
    </p>
  );
}

/** Which view the verdicts show. */
function viewLine(m: ReportModel): string {
  if (m.view.name === 'job_seeker') {
    return `Job seeker's view: a recruiter's note that names a concrete role is graded ACCEPT (${plural(m.view.kept, 'note')} received this year), its category stays the seed's.`;
  }
  const stale = m.view.kept > 0 ? ` ${plural(m.view.kept, 'note')} received this year still show${m.view.kept === 1 ? 's' : ''} the job seeker's view of an earlier upload: upload the export again to re-grade ${m.view.kept === 1 ? 'it' : 'them'}.` : '';
  return `Standard view: the seed's verdicts, recruiters' job offers included among the sales pitches.${stale}`;
}

function Headline(props: { m: ReportModel }) {
  const { m } = props;
  const h = m.headline;
  const noted = h.accept + h.ignore;
  const worst = h.worstCategory ? CATEGORY_TEXT[h.worstCategory] : null;
  return (
    <header class="hero" role="banner">
      <div class="wrap">
        <p class="kicker">Accept or Ignore · {m.year}{m.redacted ? ' · redacted' : ''}</p>
        <h1>
          The (best) of the worst connection requests of <span class="year">{m.year}</span>
        </h1>
        <p class="owner">
          {m.owner ? <>For <Person name={m.owner.name} profileUrl={m.owner.profileUrl} />. </> : null}
          Every request received and sent, classified, explained and graded.
        </p>
        <p class="view">{viewLine(m)}</p>
        <ul class="tiles">
          <li class="tile">
            <span class="n">{h.received}</span>
            <span class="l">received · {h.receivedWithNote} with a note, {h.receivedWithoutNote} without</span>
          </li>
          <li class="tile ignore">
            <span class="n">{pct(h.ignoreShare)}</span>
            <span class="l">of the notes you got deserved IGNORE ({h.ignore} of {noted})</span>
          </li>
          <li class="tile">
            <span class="n" style={{ fontSize: worst && worst.label.length > 12 ? '1.45rem' : undefined }}>{worst ? worst.label : '–'}</span>
            <span class="l">{worst ? `worst category of the year (${plural(h.worstCategoryCount, 'request')})` : 'no IGNORE note this year'}</span>
          </li>
          <li class="tile accept">
            <span class="n">{h.sentAcceptanceRate === null ? h.sent : pct(h.sentAcceptanceRate)}</span>
            <span class="l">
              {h.sentAcceptanceRate === null
                ? `requests sent${h.sent ? ' (acceptance unknown: no Connections.csv)' : ''}`
                : `of the ${plural(h.sent, 'request')} you sent were accepted`}
            </span>
          </li>
        </ul>
        {noted > 0 ? (
          <>
            <div class="verdict-bar" aria-hidden="true">
              <span style={{ width: `${(100 * h.accept) / noted}%`, background: VERDICT_COLOR.ACCEPT }} />
              <span style={{ width: `${(100 * h.ignore) / noted}%`, background: VERDICT_COLOR.IGNORE }} />
            </div>
            <p class="split">
              Received notes: {h.accept} ACCEPT · {h.ignore} IGNORE
              {h.unsure > 0 ? ` · ${h.unsure} of these verdicts unsure (confidence below ${UNSURE_BELOW})` : ''}
            </p>
          </>
        ) : null}
      </div>
    </header>
  );
}

function CoverageSection(props: { m: ReportModel }) {
  const c = props.m.stats.coverage;
  return (
    <section id="coverage" aria-labelledby="coverage-h">
      <h2 id="coverage-h">What this covers</h2>
      <p class="intro">
        A LinkedIn export holds only about the last 180 days of invitations, so a year needs several exports.
      </p>
      <div class="card">
        <p>
          {c.exports.length === 0 ? 'No export' : c.exports.length === 1 ? 'Your export' : `Your ${c.exports.length} exports`}{' '}
          {c.exports.length > 1 ? 'cover' : 'covers'} <strong>{c.coveredDays}</strong> of the {c.elapsedDays} days of {c.year}
          {c.elapsedDays < c.daysInYear ? ' so far' : ''} ({pct(c.ratio)}).
          {c.missingMonths.length > 0 ? <> Missing: <strong>{listMonths(c.missingMonths)}</strong>.</> : null}
          {c.partialMonths.length > 0 ? <> Partly covered: {listMonths(c.partialMonths)}.</> : null}
        </p>
        <ul class="months" aria-label={`Coverage of each month of ${c.year}`}>
          {c.months.map((mo) => (
            <li class={`m-${mo.status}`}>
              <span aria-hidden="true" />
              {monthName(mo.month, false).slice(0, 3)}
              <span class="sr">{`: ${mo.status === 'future' ? 'not yet' : `${mo.coveredDays} of ${mo.days} days`}`}</span>
            </li>
          ))}
        </ul>
        <Legend
          items={[
            { label: 'covered', color: VERDICT_COLOR.ACCEPT },
            { label: 'partly covered', color: '#7fc4a6' },
            { label: 'missing', color: '#f3d1cd' },
            { label: 'not yet', color: '#eef0f3' },
          ]}
        />
        {c.advice ? <p class={`advice${c.complete && !c.nextExportBy ? ' ok' : ''}`}>{c.advice}</p> : null}
        {c.exports.length > 0 ? (
          <div class="scroll"><table>
            <caption class="sr">Exports used for {c.year}</caption>
            <thead>
              <tr><th scope="col">Export</th><th scope="col">Downloaded</th><th scope="col">Covers</th><th scope="col">Days of {c.year}</th></tr>
            </thead>
            <tbody>
              {c.exports.map((e) => (
                <tr>
                  <th scope="row">{e.source}</th>
                  <td>{e.exportDate ? longDate(e.exportDate) : 'unknown'}</td>
                  <td>{`${longDate(e.windowStart)} – ${longDate(e.windowEnd)}`}</td>
                  <td>{e.daysInYear}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        ) : null}
      </div>
    </section>
  );
}

function ChartsSection(props: { m: ReportModel }) {
  const { m } = props;
  const inc = m.stats.byDirection.INCOMING;
  const rows = CATEGORIES.filter((c) => inc.byCategory[c] > 0)
    .map((c) => ({ label: CATEGORY_TEXT[c].label, value: inc.byCategory[c], color: CATEGORY_COLOR[c] }))
    .sort((a, b) => b.value - a.value);
  return (
    <section id="numbers" aria-labelledby="numbers-h">
      <h2 id="numbers-h">The year in numbers</h2>
      <p class="intro">
        {m.stats.totals.received + m.stats.totals.sent} connection requests: {m.stats.totals.received} received, {m.stats.totals.sent} sent.
      </p>
      <div class="card">
        <MonthChart id="chart-months" months={m.stats.byMonth} year={m.year} />
      </div>
      <div class="card">
        {rows.length ? (
          <BarChart
            id="chart-categories"
            title={`Categories of the connection requests received in ${m.year}`}
            desc={rows.map((r) => `${r.label}: ${r.value}`).join(', ') + '.'}
            caption="What you received, by category"
            rows={rows}
            columns={['Category', 'Received']}
            cells={(r) => [r.label, r.value]}
          />
        ) : (
          <p class="empty">No request received in {m.year}.</p>
        )}
      </div>
    </section>
  );
}

/** "Who writes to you": the roles of the notes received, by month, their verdicts, and the best and worst of each. */
function WhoWritesSection(props: { m: ReportModel }) {
  const { m } = props;
  const w = m.whoWrites;
  const shown = w.roles.map((r) => r.role);
  const months = w.byMonth.filter((x) => x.total > 0);
  return (
    <section id="who" aria-labelledby="who-h">
      <h2 id="who-h">Who writes to you</h2>
      <p class="intro">
        {w.withNote === 0
          ? `No note received in ${m.year}.`
          : `Who wrote the ${plural(w.withNote, 'note')} you received, from what the note and the sender's profile say: ` +
            w.roles.map((r) => `${ROLE_TEXT[r.role].label.toLowerCase()} ${pct(r.share)}`).join(', ') +
            '.'}
      </p>
      {months.length > 0 ? (
        <div class="card">
          <h3>Each month</h3>
          <div class="scroll"><table class="roles-by-month">
            <caption class="muted">Share of each role among the notes received that month</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Notes</th>
                {shown.map((r) => <th scope="col">{ROLE_TEXT[r].label}</th>)}
                <td aria-hidden="true"></td>
              </tr>
            </thead>
            <tbody>
              {months.map((x) => (
                <tr>
                  <th scope="row">{monthName(x.month, false)}</th>
                  <td>{x.total}</td>
                  {shown.map((r) => <td>{pct(x.byRole[r] / x.total)}</td>)}
                  <td class="split-cell" aria-hidden="true">
                    <div class="role-bar">
                      {shown.filter((r) => x.byRole[r] > 0).map((r) => <span style={{ width: `${(100 * x.byRole[r]) / x.total}%`, background: ROLE_COLOR[r] }} />)}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table></div>
          <Legend items={shown.map((r) => ({ label: ROLE_TEXT[r].label, color: ROLE_COLOR[r] }))} />
        </div>
      ) : null}
      {w.roles.length > 0 ? (
        <div class="card">
          <h3>Verdicts within each role</h3>
          <div class="scroll"><table>
            <thead>
              <tr><th scope="col">Role</th><th scope="col">Notes</th><th scope="col">Share</th><th scope="col">ACCEPT</th><th scope="col">IGNORE</th>{m.view.kept > 0 ? <th scope="col">Kept by your view</th> : null}</tr>
            </thead>
            <tbody>
              {w.roles.map((r) => (
                <tr>
                  <th scope="row"><RoleTag role={r.role} /></th>
                  <td>{r.received}</td>
                  <td>{pct(r.share)}</td>
                  <td>{r.byVerdict.ACCEPT}</td>
                  <td>{r.byVerdict.IGNORE}</td>
                  {m.view.kept > 0 ? <td>{r.kept}</td> : null}
                </tr>
              ))}
            </tbody>
          </table></div>
        </div>
      ) : null}
      {w.roles.filter((r) => r.best || r.worst).map((r) => (
        <article class="card role-card">
          <header>
            <h3>{ROLE_TEXT[r.role].label}</h3>
            <span class="count">{plural(r.received, 'note')}</span>
          </header>
          <p class="muted">{capitalise(ROLE_TEXT[r.role].what)}.</p>
          {r.best ? (
            <div class="role-pick">
              <h4>Best <VerdictBadge verdict={r.best.verdict} unsure={r.best.unsure} confidence={r.best.confidence} /> <CategoryTag category={r.best.category} /></h4>
              {r.best.kept ? <KeptLine example={r.best} /> : null}
              <Note example={r.best} />
            </div>
          ) : null}
          {r.worst ? (
            <div class="role-pick">
              <h4>Worst <VerdictBadge verdict={r.worst.verdict} unsure={r.worst.unsure} confidence={r.worst.confidence} /> <CategoryTag category={r.worst.category} /></h4>
              <Note example={r.worst} />
            </div>
          ) : null}
        </article>
      ))}
      {w.sent.length > 0 ? (
        <div class="card">
          <h3>Whom you write to</h3>
          <p class="muted">
            {w.outcomesKnown
              ? 'Your requests by the role of the person you invited (from the note, and from their position and company once they accepted), and how many accepted.'
              : 'Your requests by the role of the person you invited. Add Connections.csv to the export to see which were accepted.'}
          </p>
          <div class="scroll"><table>
            <thead>
              <tr><th scope="col">Role</th><th scope="col">Sent</th><th scope="col">Accepted</th><th scope="col">Acceptance rate</th></tr>
            </thead>
            <tbody>
              {w.sent.map((r) => (
                <tr>
                  <th scope="row"><RoleTag role={r.role} /></th>
                  <td>{r.sent}</td>
                  <td>{w.outcomesKnown ? r.accepted : '–'}</td>
                  <td>{pct(r.rate)}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        </div>
      ) : null}
    </section>
  );
}

const MAX_CLUSTERS = 6;

function ShameSection(props: { m: ReportModel }) {
  const { m } = props;
  return (
    <section id="shame" aria-labelledby="shame-h">
      <h2 id="shame-h">Hall of shame</h2>
      <p class="intro">The worst of each kind you received in {m.year}, why it is an IGNORE, and what would have made it an ACCEPT.</p>
      {m.hallOfShame.length === 0 ? <p class="empty">Nothing to shame this year.</p> : null}
      {m.hallOfShame.map((s) => (
        <ExampleCard
          example={s.worst}
          title={s.title}
          count={`${plural(s.count, 'request')} like this`}
          lesson={s.lesson}
          why="Why IGNORE"
        />
      ))}
      {m.clusters.length > 0 ? (
        <div class="card">
          <h3>Copy, paste, send</h3>
          <p class="muted">The same note from different people: only the names changed.</p>
          <ul class="clusters">
            {m.clusters.slice(0, MAX_CLUSTERS).map((c) => (
              <li>
                <div class="big">{c.senders}<small>people</small></div>
                <div>
                  <p>
                    <strong>{c.senders} people sent you this note</strong>
                    {c.company ? <>, all from {c.company}</> : null}
                    {c.requests > c.senders ? ` (${c.requests} times)` : ''}{' '}
                    <CategoryTag category={c.category} />
                  </p>
                  <blockquote class="note">{c.example}</blockquote>
                </div>
              </li>
            ))}
          </ul>
          {m.clusters.length > MAX_CLUSTERS ? (
            <p class="muted">…and {plural(m.clusters.length - MAX_CLUSTERS, 'more note')} sent by several people.</p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

const FAME_TITLES = ['The best note of the year', 'Runner-up', 'Third place'];

function FameSection(props: { m: ReportModel }) {
  const { m } = props;
  return (
    <section id="fame" aria-labelledby="fame-h">
      <h2 id="fame-h">Hall of fame</h2>
      <p class="intro">The best notes you received: they show the sender knows who you are and why you should connect.</p>
      {m.hallOfFame.length === 0 ? <p class="empty">No note earned an ACCEPT in {m.year}.</p> : null}
      {m.hallOfFame.map((e, i) => (
        <ExampleCard example={e} title={FAME_TITLES[i] ?? `No. ${i + 1}`} why="What made it work" />
      ))}
    </section>
  );
}

function SentSection(props: { m: ReportModel }) {
  const { m } = props;
  const s = m.sent;
  const rows = s.byCategory.map((c) => ({
    label: CATEGORY_TEXT[c.category].label,
    value: c.sent,
    part: s.outcomesKnown ? c.accepted : undefined,
    color: CATEGORY_COLOR[c.category],
    note: s.outcomesKnown ? `${c.accepted} of ${c.sent} accepted · ${pct(c.rate)}` : `${c.sent} sent`,
    shortNote: s.outcomesKnown ? `${c.accepted}/${c.sent} · ${pct(c.rate)}` : `${c.sent}`,
    rate: c.rate,
  }));
  return (
    <section id="sent" aria-labelledby="sent-h">
      <h2 id="sent-h">Your own requests</h2>
      <p class="intro">
        {s.total === 0
          ? `You sent no connection request in ${m.year}.`
          : `You sent ${plural(s.total, 'request')}, ${s.withNote} with a note: ${VERDICTS.map((v) => `${s.byVerdict[v]} ${VERDICT_TEXT[v].toLowerCase()}`).join(', ')}.` +
            (s.outcomesKnown ? ` ${pct(s.acceptanceRate)} were accepted.` : ' Add Connections.csv to the export to see which were accepted.')}
      </p>
      {rows.length > 0 ? (
        <div class="card">
          <BarChart
            id="chart-sent"
            title={`Connection requests you sent in ${m.year}, by category, with acceptance rate`}
            desc={rows.map((r) => `${r.label}: ${r.note}`).join('; ') + '.'}
            caption="What you sent, by category, and how many were accepted"
            rows={rows}
            columns={['Category', 'Sent', 'Accepted', 'Acceptance rate']}
            cells={(r) => {
              const row = rows.find((x) => x.label === r.label)!;
              return [row.label, row.value, s.outcomesKnown ? (row.part ?? 0) : '–', pct(row.rate)];
            }}
            legend={s.outcomesKnown ? <p class="legend">Dark: accepted · light: not accepted (yet)</p> : undefined}
          />
        </div>
      ) : null}
      {s.neverAgain.length > 0 ? <h3 class="sub">Never send these again</h3> : null}
      {s.neverAgain.map((e) => (
        <ExampleCard example={e} why="Why it reads as an IGNORE" />
      ))}
      {s.best.length > 0 ? (
        <>
          <h3 class="sub">Your best three</h3>
          <p class="muted">Notes you wrote for one person: a template sent to many people never counts here, whatever its verdict.</p>
        </>
      ) : null}
      {s.best.map((e, i) => (
        <ExampleCard example={e} title={`No. ${i + 1}`} why="What works" />
      ))}
    </section>
  );
}

const MAX_TEMPLATES = 12;

function TemplateRow(props: { t: TemplateView; known: boolean }) {
  const { t, known } = props;
  return (
    <tr data-template={t.id} data-category={t.category}>
      <th scope="row" class="tpl">
        <Pattern text={t.pattern} />
        {t.recipientsInAll >= 3 ? <span class="sent-to">{sentToLine(t.recipientsInAll, t.pattern)}</span> : null}
      </th>
      <td class="n" data-label="sent">{t.sent}</td>
      <td class="n" data-label="accepted">{known ? t.accepted : '–'}</td>
      <td class="n" data-label="rate">{pct(t.rate)}</td>
      <td class="verdict">
        <CategoryTag category={t.category} /> <VerdictBadge verdict={t.verdict} unsure={t.unsure} confidence={t.confidence} />
      </td>
    </tr>
  );
}

function TemplatesSection(props: { m: ReportModel }) {
  const { m } = props;
  const t = m.sent.templates;
  if (t.withNote === 0) return null;
  const known = t.outcomesKnown;
  const inTemplates = t.rows.reduce((n, r) => n + r.sent, 0);
  const tplAccepted = t.rows.reduce((n, r) => n + r.accepted, 0);
  const tplPending = t.rows.reduce((n, r) => n + r.pending, 0);
  const tplRate = tplAccepted + tplPending === 0 ? null : tplAccepted / (tplAccepted + tplPending);
  const one = t.oneByOne;
  const oneVerdicts = VERDICTS.filter((v) => one.byVerdict[v] > 0).map((v) => `${one.byVerdict[v]} ${v}`);
  return (
    <section id="templates" aria-labelledby="templates-h">
      <h2 id="templates-h">Your templates</h2>
      <p class="intro">
        {t.rows.length === 0
          ? `You wrote each of your ${plural(t.withNote, 'note')} one by one: no template.`
          : `${inTemplates} of the ${plural(t.withNote, 'note')} you sent went out as ${plural(t.rows.length, 'template')}; ${one.sent} ${one.sent === 1 ? 'was' : 'were'} written one by one.`}
        {known ? '' : ' Whether they were accepted is unknown: the export has no Connections.csv. Add it to see which of your templates works.'}
      </p>
      <div class="card">
        {t.rows.length > 0 && known && tplRate !== null && one.rate !== null ? (
          <p class="lead">
            Accepted: <strong>{pct(tplRate)}</strong> of your templated notes, <strong>{pct(one.rate)}</strong> of the notes you wrote one by one.
          </p>
        ) : null}
        <div class="scroll"><table class="templates">
          <caption class="sr">Your templates in {m.year}: how many were sent and accepted, and the verdict</caption>
          <thead>
            <tr><th scope="col">Template</th><th scope="col">Sent</th><th scope="col">Accepted</th><th scope="col">Rate</th><th scope="col">Verdict</th></tr>
          </thead>
          <tbody>
            {t.rows.slice(0, MAX_TEMPLATES).map((r) => <TemplateRow t={r} known={known} />)}
          </tbody>
          {one.sent > 0 ? (
            <tfoot>
              <tr class="one-by-one">
                <th scope="row" class="tpl">Notes written one by one</th>
                <td class="n" data-label="sent">{one.sent}</td>
                <td class="n" data-label="accepted">{known ? one.accepted : '–'}</td>
                <td class="n" data-label="rate">{pct(one.rate)}</td>
                <td class="verdict">{oneVerdicts.join(' · ')}{one.unsure > 0 ? ` (${one.unsure} unsure)` : ''}</td>
              </tr>
            </tfoot>
          ) : null}
        </table></div>
        {t.rows.length > MAX_TEMPLATES ? <p class="muted">…and {plural(t.rows.length - MAX_TEMPLATES, 'more template')}.</p> : null}
        <p class="muted small">
          A template is one note sent to several people with only the name (or one detail) changed, shown with <span class="slot">{'{name}'}</span> where the
          name went. Sent to three people or more, it reads as automation: a bot.
        </p>
      </div>
    </section>
  );
}

function YearOverYearSection(props: { m: ReportModel }) {
  const rows = props.m.yearOverYear;
  if (rows.length === 0) return null;
  return (
    <section id="years" aria-labelledby="years-h">
      <h2 id="years-h">Year over year</h2>
      <div class="card">
        <div class="scroll"><table>
          <thead>
            <tr>
              <th scope="col">Year</th><th scope="col">Received</th><th scope="col">With a note</th><th scope="col">IGNORE</th>
              <th scope="col">Worst category</th><th scope="col">Sent</th><th scope="col">Accepted</th><th scope="col">Coverage</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr aria-current={r.year === props.m.year ? 'true' : undefined}>
                <th scope="row">{r.year === props.m.year ? <strong>{r.year}</strong> : r.year}</th>
                <td>{r.received}</td>
                <td>{pct(r.receivedWithNoteShare)}</td>
                <td>{pct(r.ignoreShare)}</td>
                <td>{r.worstCategory ? CATEGORY_TEXT[r.worstCategory].label : '–'}</td>
                <td>{r.sent}</td>
                <td>{pct(r.sentAcceptanceRate)}</td>
                <td>{pct(r.coverageRatio)}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      </div>
    </section>
  );
}

function Page(props: { m: ReportModel }) {
  const { m } = props;
  const sections: [string, string][] = [
    ['coverage', 'Coverage'],
    ['numbers', 'Numbers'],
    ['who', 'Who writes'],
    ['shame', 'Hall of shame'],
    ['fame', 'Hall of fame'],
    ['sent', 'Your requests'],
    ...(m.sent.templates.withNote ? ([['templates', 'Your templates']] as [string, string][]) : []),
    ...(m.yearOverYear.length ? ([['years', 'Year over year']] as [string, string][]) : []),
  ];
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content={CSP} />
        <meta name="referrer" content="no-referrer" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="Accept or Ignore" />
        <title>{`Accept or Ignore — the best of the worst connection requests of ${m.year}${m.redacted ? ' (redacted)' : ''}`}</title>
        <style dangerouslySetInnerHTML={{ __html: CSS }} />
      </head>
      <body>
        <a class="skip" href="#main">Skip to the report</a>
        <Headline m={m} />
        <nav class="toc" aria-label="Sections">
          <ul>{sections.map(([id, label]) => <li><a href={`#${id}`}>{label}</a></li>)}</ul>
        </nav>
        <main id="main" class="wrap">
          <CoverageSection m={m} />
          <ChartsSection m={m} />
          <WhoWritesSection m={m} />
          <ShameSection m={m} />
          <FameSection m={m} />
          <SentSection m={m} />
          <TemplatesSection m={m} />
          <YearOverYearSection m={m} />
        </main>
        <footer class="page" role="contentinfo">
          <div class="wrap">
            <p class="motto">Be real, be authentic, be human.</p>
            <p>
              Generated by Accept or Ignore on {longDate(m.generatedAt.slice(0, 10))} from your LinkedIn data export. Dates in {m.timeZone}.
              {m.redacted ? ' Names, profile links and companies are masked, in the notes too (with e-mail addresses, phone numbers and other capitalised names).' : ''}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** The whole document. */
export function renderPage(model: ReportModel): string {
  return `<!DOCTYPE html>\n${render(<Page m={model} />)}\n`;
}

