/**
 * Inline SVG charts: no script needed to see them. Each is a <figure> with a caption, an SVG with
 * <title>/<desc>, and the same numbers as a data table (the text alternative).
 */
import type { ComponentChildren } from 'preact';
import { VERDICTS, type Verdict } from '../model.ts';
import type { MonthStats } from '../stats/index.ts';
import { VERDICT_COLOR, VERDICT_TEXT } from './labels.ts';
import { monthName } from '../dates.ts';

/** Two layouts per chart, chosen by CSS: a wide one, and a narrow one for phones (readable text). */
export interface Layout {
  width: number;
  narrow: boolean;
}
const LAYOUTS: Layout[] = [
  { width: 720, narrow: false },
  { width: 360, narrow: true },
];

/** A tick step of 1, 2 or 5 × 10^n giving about `count` ticks up to `max`. */
export function niceStep(max: number, count = 4): number {
  if (max <= 0) return 1;
  const raw = max / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * p).find((s) => s >= raw) ?? 10 * p;
  return Math.max(1, step);
}

function Figure(props: { id: string; title: string; desc: string; caption: ComponentChildren; height: (l: Layout) => number; svg: (l: Layout) => ComponentChildren; table: ComponentChildren; legend?: ComponentChildren }) {
  return (
    <figure class="chart">
      <figcaption>{props.caption}</figcaption>
      {LAYOUTS.map((l) => {
        const id = `${props.id}-${l.narrow ? 'narrow' : 'wide'}`;
        return (
          <svg
            class={l.narrow ? 'narrow' : 'wide'}
            viewBox={`0 0 ${l.width} ${props.height(l)}`}
            width="100%"
            role="img"
            aria-labelledby={`${id}-title ${id}-desc`}
            preserveAspectRatio="xMinYMin meet"
          >
            <title id={`${id}-title`}>{props.title}</title>
            <desc id={`${id}-desc`}>{props.desc}</desc>
            {props.svg(l)}
          </svg>
        );
      })}
      {props.legend}
      <details class="data">
        <summary>The numbers behind this chart</summary>
        {props.table}
      </details>
    </figure>
  );
}

export function Legend(props: { items: { label: string; color: string }[] }) {
  return (
    <ul class="legend">
      {props.items.map((i) => (
        <li>
          <span class="swatch" style={{ background: i.color }} aria-hidden="true" />
          {i.label}
        </li>
      ))}
    </ul>
  );
}

/** CRs per month, stacked by verdict. */
export function MonthChart(props: { id: string; months: MonthStats[]; year: number }) {
  const heightOf = (l: Layout) => (l.narrow ? 220 : 250);
  const max = Math.max(1, ...props.months.map((m) => m.total));
  const step = niceStep(max);
  const ceiling = Math.ceil(max / step) * step;
  const ticks = Array.from({ length: ceiling / step + 1 }, (_, i) => i * step);
  const busiest = props.months.reduce((a, b) => (b.total > a.total ? b : a), props.months[0]);
  const total = props.months.reduce((s, m) => s + m.total, 0);
  const desc =
    total === 0
      ? `No connection requests in ${props.year}.`
      : `${total} connection requests in ${props.year}; the busiest month was ${monthName(busiest.month)} with ${busiest.total}. ` +
        props.months.map((m) => `${monthName(m.month, false)}: ${m.total}`).join(', ') + '.';
  return (
    <Figure
      id={props.id}
      title={`Connection requests per month in ${props.year}, by verdict`}
      desc={desc}
      caption={<>Connection requests per month, by verdict</>}
      height={heightOf}
      legend={<Legend items={VERDICTS.map((v) => ({ label: VERDICT_TEXT[v], color: VERDICT_COLOR[v] }))} />}
      svg={(l) => {
        const height = heightOf(l);
        const left = l.narrow ? 28 : 40;
        const bottom = 28;
        const top = 22;
        const plotH = height - top - bottom;
        const plotW = l.width - left - 4;
        const y = (v: number) => top + plotH - (v / ceiling) * plotH;
        const slot = plotW / 12;
        const barW = slot * (l.narrow ? 0.7 : 0.62);
        return (
        <>
          {ticks.map((t) => (
            <g>
              <line x1={left} x2={l.width - 4} y1={y(t)} y2={y(t)} class="grid" />
              <text x={left - 6} y={y(t) + 4} text-anchor="end" class="tick">{t}</text>
            </g>
          ))}
          {props.months.map((m, i) => {
            let acc = 0;
            const x = left + i * slot + (slot - barW) / 2;
            return (
              <g>
                {(['IGNORE', 'NEITHER', 'ACCEPT'] as Verdict[]).map((v) => {
                  const n = m.byVerdict[v];
                  if (n === 0) return null;
                  const y0 = y(acc + n);
                  const h = y(acc) - y0;
                  acc += n;
                  return <rect x={x} y={y0} width={barW} height={h} fill={VERDICT_COLOR[v]} rx="2"><title>{`${monthName(m.month)}: ${n} ${VERDICT_TEXT[v]}`}</title></rect>;
                })}
                {m.total > 0 && <text x={x + barW / 2} y={y(m.total) - 4} text-anchor="middle" class="value">{m.total}</text>}
                <text x={x + barW / 2} y={height - 8} text-anchor="middle" class="tick">{monthName(m.month, false).slice(0, l.narrow ? 1 : 3)}</text>
              </g>
            );
          })}
        </>
        );
      }}
      table={
        <div class="scroll"><table>
          <thead>
            <tr><th scope="col">Month</th>{VERDICTS.map((v) => <th scope="col">{VERDICT_TEXT[v]}</th>)}<th scope="col">Total</th></tr>
          </thead>
          <tbody>
            {props.months.map((m) => (
              <tr><th scope="row">{monthName(m.month)}</th>{VERDICTS.map((v) => <td>{m.byVerdict[v]}</td>)}<td>{m.total}</td></tr>
            ))}
          </tbody>
        </table></div>
      }
    />
  );
}

export interface BarRow {
  label: string;
  value: number;
  color: string;
  /** Part of value drawn darker over the bar (e.g. accepted out of sent). */
  part?: number;
  /** Text after the bar; default the value. */
  note?: string;
  /** Shorter note for the narrow layout. */
  shortNote?: string;
}

/** Horizontal bars, one row per item. */
export function BarChart(props: { id: string; title: string; desc: string; caption: ComponentChildren; rows: BarRow[]; columns: [string, string, ...string[]]; cells: (r: BarRow) => (string | number)[]; legend?: ComponentChildren }) {
  const rowH = 30;
  const heightOf = () => Math.max(1, props.rows.length) * rowH + 8;
  const max = Math.max(1, ...props.rows.map((r) => r.value));
  return (
    <Figure
      id={props.id}
      title={props.title}
      desc={props.desc}
      caption={props.caption}
      height={heightOf}
      legend={props.legend}
      svg={(l) => {
        const labelW = l.narrow ? 132 : 170;
        const noteW = l.narrow ? 88 : 210;
        const barMax = l.width - labelW - noteW;
        return (
        <>
          {props.rows.map((r, i) => {
            const yTop = 4 + i * rowH;
            const w = (r.value / max) * barMax;
            return (
              <g>
                <text x={labelW - 10} y={yTop + rowH / 2 + 5} text-anchor="end" class="label">{r.label}</text>
                <rect x={labelW} y={yTop + 5} width={Math.max(w, r.value > 0 ? 2 : 0)} height={rowH - 10} rx="3" fill={r.color} opacity={r.part === undefined ? 1 : 0.3} />
                {r.part !== undefined && r.part > 0 && (
                  <rect x={labelW} y={yTop + 5} width={(r.part / max) * barMax} height={rowH - 10} rx="3" fill={r.color} />
                )}
                <text x={labelW + w + 6} y={yTop + rowH / 2 + 5} class="value">{(l.narrow ? r.shortNote : undefined) ?? r.note ?? String(r.value)}</text>
              </g>
            );
          })}
        </>
        );
      }}
      table={
        <div class="scroll"><table>
          <thead>
            <tr>{props.columns.map((c) => <th scope="col">{c}</th>)}</tr>
          </thead>
          <tbody>
            {props.rows.map((r) => {
              const [first, ...rest] = props.cells(r);
              return <tr><th scope="row">{first}</th>{rest.map((c) => <td>{c}</td>)}</tr>;
            })}
          </tbody>
        </table></div>
      }
    />
  );
}
