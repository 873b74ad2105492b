/** The page's CSS: inline, no fonts or images to fetch. Static text, never user data. */
export const CSS = `
:root{--ink:#1b1f24;--muted:#57606a;--line:#e3e6ea;--bg:#f6f7f9;--card:#fff;--accept:#0f7b55;--ignore:#c0362c;--neither:#6b7280;--accent:#0a66c2;--mark:#ffe9a8}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;overflow-wrap:anywhere}
a{color:var(--accent)}
a:focus-visible,summary:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem 1rem;z-index:2}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
main section{scroll-margin-top:56px}
.wrap{max-width:980px;margin:0 auto;padding:0 20px}
header.hero{background:linear-gradient(135deg,#0b1f33 0%,#123a5e 55%,#5a1f2b 100%);color:#fff;padding:44px 0 36px}
.hero .kicker{letter-spacing:.14em;text-transform:uppercase;font-size:.78rem;font-weight:700;color:#ffd27a;margin:0 0 8px}
.hero h1{font-size:clamp(1.9rem,4.6vw,3rem);line-height:1.1;margin:0 0 10px;letter-spacing:-.02em}
.hero h1 .year{color:#ffd27a}
.hero .owner{margin:0 0 26px;color:#d6e2ee}
.hero .owner a{color:#fff}
.tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:0;padding:0;list-style:none}
.tile{min-width:0;background:rgba(255,255,255,.09);border:1px solid rgba(255,255,255,.18);border-radius:14px;padding:14px 16px}
.tile .n{display:block;font-size:2.1rem;font-weight:800;line-height:1.1;letter-spacing:-.02em}
.tile .l{display:block;font-size:.85rem;color:#d6e2ee}
.tile.ignore .n{color:#ffb4a8}.tile.accept .n{color:#9be3c4}
.verdict-bar{display:flex;height:12px;border-radius:6px;overflow:hidden;margin:18px 0 6px;background:rgba(255,255,255,.15)}
.verdict-bar span{display:block;height:100%}
.hero .split{font-size:.85rem;color:#d6e2ee;margin:0}
nav.toc{background:#fff;border-bottom:1px solid var(--line);position:sticky;top:0;z-index:1}
nav.toc ul{display:flex;gap:4px 18px;flex-wrap:wrap;list-style:none;margin:0 auto;padding:10px 20px;max-width:980px;font-size:.9rem}
nav.toc a{text-decoration:none;color:var(--muted);font-weight:600}
nav.toc a:hover{color:var(--accent)}
main section{margin:34px 0}
h2{font-size:1.6rem;letter-spacing:-.01em;margin:0 0 6px}
h2+.intro{color:var(--muted);margin:0 0 18px}
h3{font-size:1.15rem;margin:0}
.card{background:var(--card);border:1px solid var(--line);border-radius:14px;padding:20px 22px;margin:0 0 16px;box-shadow:0 1px 2px rgba(0,0,0,.03)}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.months{display:grid;grid-template-columns:repeat(12,1fr);gap:4px;margin:12px 0 6px;padding:0;list-style:none}
.months li{text-align:center;font-size:.75rem;color:var(--muted)}
.months li span{display:block;height:26px;border-radius:5px;margin-bottom:3px}
.m-full span{background:var(--accept)}.m-partial span{background:repeating-linear-gradient(45deg,var(--accept) 0 6px,#bfe3d3 6px 12px)}
.m-missing span{background:#f3d1cd;border:2px dashed var(--ignore)}.m-future span{background:#eef0f3;border:1px solid var(--line)}
.advice{border-left:4px solid #e0a100;background:#fff8e6;padding:10px 14px;border-radius:0 8px 8px 0;margin:12px 0 0}
.ok{border-left-color:var(--accept);background:#e9f6f0}
figure.chart{margin:0}
figure.chart figcaption{font-weight:700;margin-bottom:8px}
svg{display:block;max-width:100%;height:auto}
svg.narrow{display:none}
svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#3d444d}
svg .label{font-size:13px;fill:var(--ink)}svg .value{font-weight:700;fill:var(--ink)}
svg .grid{stroke:#e8eaee;stroke-width:1}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;list-style:none;padding:0;margin:8px 0 0;font-size:.85rem;color:var(--muted)}
.swatch{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:6px;vertical-align:-1px}
details.data{margin-top:8px;font-size:.85rem}
details.data summary{cursor:pointer;color:var(--muted)}

.scroll{overflow-x:auto;max-width:100%;overscroll-behavior-x:contain;background:linear-gradient(to right,#fff 30%,rgba(255,255,255,0)) left/32px 100% no-repeat local,linear-gradient(to left,#fff 30%,rgba(255,255,255,0)) right/32px 100% no-repeat local,radial-gradient(farthest-side at 0 50%,rgba(0,0,0,.16),transparent) left/10px 100% no-repeat scroll,radial-gradient(farthest-side at 100% 50%,rgba(0,0,0,.16),transparent) right/10px 100% no-repeat scroll}
.scroll th,.scroll td{white-space:nowrap}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:.9rem}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line)}
td{font-variant-numeric:tabular-nums}
thead th{color:var(--muted);font-weight:600;font-size:.8rem;text-transform:uppercase;letter-spacing:.04em}
.badge{display:inline-block;font-size:.72rem;font-weight:800;letter-spacing:.08em;text-transform:uppercase;border-radius:999px;padding:3px 10px;color:#fff;vertical-align:middle}
.b-IGNORE{background:var(--ignore)}.b-ACCEPT{background:var(--accept)}.b-NEITHER{background:var(--neither)}
.cr{border-top:5px solid var(--ignore)}
.cr.v-ACCEPT{border-top-color:var(--accept)}.cr.v-NEITHER{border-top-color:var(--neither)}
.cr header{display:flex;justify-content:space-between;align-items:baseline;gap:12px;flex-wrap:wrap;margin-bottom:10px}
.cr header>*{min-width:0}
.cr .count{color:var(--muted);font-size:.9rem}
blockquote.note{margin:0 0 12px;padding:14px 16px;background:#f8f9fb;border:1px solid var(--line);border-radius:10px;white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.02rem}
blockquote.note footer{margin-top:8px;font-size:.85rem;color:var(--muted);white-space:normal}
mark{background:var(--mark);color:inherit;border-radius:3px;padding:0 2px;box-shadow:inset 0 -2px 0 #e0a100}
.v-ACCEPT mark{background:#cdeedd;box-shadow:inset 0 -2px 0 #0f7b55}
.why,.fix{margin:10px 0 0}
.why h4,.fix h4{margin:0 0 4px;font-size:.78rem;letter-spacing:.08em;text-transform:uppercase}
.why h4{color:var(--ignore)}.fix h4{color:var(--accept)}
.v-ACCEPT .why h4{color:var(--accept)}
.why ul{margin:0;padding-left:20px}
.why li{margin:2px 0}
.why q{font-style:italic}
.fix p{margin:0;background:#e9f6f0;border-radius:8px;padding:8px 12px}
.clusters{list-style:none;padding:0;margin:0}
.clusters li{display:grid;grid-template-columns:84px minmax(0,1fr);gap:14px;align-items:start}
.clusters li>*{min-width:0}
.clusters .big{font-size:2.2rem;font-weight:800;color:var(--ignore);line-height:1;text-align:center}
.clusters .big small{display:block;font-size:.72rem;font-weight:600;color:var(--muted);letter-spacing:.04em}
.muted{color:var(--muted)}
.small{font-size:.85rem}
p.lead{margin-top:0}
.b-unsure{background:#fff;color:#6b4e00;border:1.5px dashed #9a5b00;letter-spacing:.04em;text-transform:none}
.unsure .lean{font-size:.78rem;font-weight:700;color:var(--muted);white-space:nowrap}
.unsure-note{margin:0 0 10px;padding:6px 10px;border-radius:8px;background:#fff8e6;color:#6b4e00;font-size:.88rem}
.sent-to{display:block;margin:4px 0 0;font-size:.85rem;font-weight:600;color:var(--ignore)}
p.sent-to{margin:0 0 10px}
.sent-to.few{color:var(--muted);font-weight:400}
table.templates .sent-to{font-size:.8rem;font-weight:600}
.slot{background:#e8eefc;color:#1b3a8a;border-radius:4px;padding:0 3px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em;white-space:nowrap}
table.templates th.tpl{white-space:normal;font-weight:400;min-width:18rem;max-width:34rem;overflow-wrap:anywhere}
table.templates td.n{text-align:right}
table.templates thead th:nth-child(n+2):nth-child(-n+4){text-align:right}
table.templates td,table.templates th{vertical-align:top}
table.templates tfoot th,table.templates tfoot td{border-top:2px solid var(--line);border-bottom:0;font-weight:600}
.tag{display:inline-block;font-size:.72rem;font-weight:700;color:#fff;border-radius:999px;padding:1px 8px;vertical-align:1px}
.hero .view{margin:-14px 0 22px;color:#d6e2ee;font-size:.9rem}
.kept{font-size:.85rem;color:#1d4ed8;font-weight:600;margin:0 0 8px}
.role-bar{display:flex;height:10px;min-width:8rem;border-radius:5px;overflow:hidden;background:var(--line)}
.role-bar span{display:block;height:100%}
table.roles-by-month caption{caption-side:bottom;text-align:left;font-size:.8rem}
.role-card header{display:flex;justify-content:space-between;align-items:baseline;gap:12px}
.role-pick h4{margin:14px 0 6px}
h3.sub{margin:28px 0 12px;font-size:1.25rem}
.empty{color:var(--muted);font-style:italic}
footer.page{border-top:1px solid var(--line);margin-top:40px;padding:24px 0 40px;color:var(--muted);font-size:.85rem}
footer.page .motto{font-size:1.1rem;color:var(--ink);font-weight:700}
@media (max-width:720px){
 body{font-size:15px}
 .tiles{grid-template-columns:1fr 1fr}
 .grid2{grid-template-columns:1fr}
 .tile .n{font-size:1.7rem}
 .card{padding:16px}
 .clusters li{grid-template-columns:60px minmax(0,1fr)}
 .months{gap:2px}
 .months li{font-size:.62rem}
 table{font-size:.8rem}
 th,td{padding:5px 6px}
 nav.toc{position:static}
}
@media (max-width:600px){
 svg.wide{display:none}svg.narrow{display:block}
 table.templates thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%)}
 table.templates,table.templates tbody,table.templates tfoot{display:block}
 table.templates tr{display:grid;grid-template-columns:repeat(3,auto) 1fr;gap:2px 14px;padding:10px 0;border-bottom:1px solid var(--line)}
 table.templates tfoot tr{border-top:2px solid var(--line);border-bottom:0}
 table.templates th,table.templates td,table.templates tfoot th,table.templates tfoot td{border:0;padding:0;text-align:left}
 table.templates th.tpl{grid-column:1/-1;min-width:0;max-width:none;padding-bottom:4px}
 table.templates td.n::before{content:attr(data-label) " ";color:var(--muted);font-size:.78rem;font-weight:600}
 table.templates td.verdict{grid-column:1/-1;white-space:normal}
}
@media print{
 body{background:#fff;font-size:11pt}
 nav.toc,.skip{display:none}
 header.hero{background:#fff;color:#000;padding:0 0 12px;border-bottom:2px solid #000}
 .hero .kicker,.hero h1 .year{color:#000}.hero .owner,.hero .view,.tile .l,.hero .split{color:#333}
 .tile{border-color:#999;background:#fff}.tile .n,.tile.ignore .n,.tile.accept .n{color:#000}
 .card{box-shadow:none;break-inside:avoid;page-break-inside:avoid}
 section{break-before:auto}
 h2,h3{break-after:avoid}
 a{color:#000;text-decoration:none}
 details.data{display:none}
 .scroll{overflow:visible;background:none}.scroll th,.scroll td{white-space:normal}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;
