/**
 * The console's pages, rendered on the server: plain HTML, one inline style sheet and one small inline script,
 * both carrying the response's CSP nonce; nothing is loaded from elsewhere (works offline). Every value from
 * outside (arguments, reasons, notes, names, audit lines) goes through `esc`.
 */
import type { ApprovalRecord } from '../state/approvals.js';
import type { Session } from './auth.js';

const esc = (v: unknown): string =>
  String(v ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const STYLE = `
:root{color-scheme:light dark;--b:#d0d7de;--m:#57606a;--ok:#1a7f37;--no:#cf222e;--bg2:rgba(127,127,127,.08)}
body{font:15px/1.45 system-ui,sans-serif;margin:0;max-width:60rem;padding:0 1rem 3rem;margin:auto}
header{display:flex;gap:1rem;align-items:center;border-bottom:1px solid var(--b);padding:.6rem 0;margin-bottom:1rem}
header strong{margin-right:auto}header a{color:inherit}
h1{font-size:1.3rem}.muted{color:var(--m)}.msg{padding:.5rem .8rem;border:1px solid var(--b);border-radius:6px;background:var(--bg2)}
.item{border:1px solid var(--b);border-radius:8px;padding:.8rem 1rem;margin:.8rem 0}
.item h2{font-size:1.05rem;margin:0 0 .4rem}.item .summary{margin:.3rem 0 .6rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .8rem;margin:.4rem 0}dt{color:var(--m)}dd{margin:0;word-break:break-all}
form.decide{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;margin-top:.5rem}
input,select,button{font:inherit;padding:.3rem .5rem}button{cursor:pointer;border-radius:6px;border:1px solid var(--b)}
button.approve{background:var(--ok);color:#fff;border-color:var(--ok)}button.deny{background:var(--no);color:#fff;border-color:var(--no)}
.expired{opacity:.55}.left{font-weight:600}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid var(--b);padding:.3rem .4rem;text-align:left;vertical-align:top}
pre{white-space:pre-wrap;word-break:break-all;background:var(--bg2);padding:.5rem;border-radius:6px;font-size:13px}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}form.filters label{display:flex;flex-direction:column;font-size:13px}
.outcome-success{color:var(--ok)}.outcome-error,.outcome-refused{color:var(--no)}`;

const SCRIPT = `(function(){
var q=document.getElementById('queue');var skew=0;
function fmt(ms){var s=Math.ceil(ms/1000),h=Math.floor(s/3600),m=Math.floor(s%3600/60);s=s%60;return (h?h+' h ':'')+(h||m?m+' min ':'')+s+' s left'}
function tick(){var els=document.querySelectorAll('[data-expires]');for(var i=0;i<els.length;i++){var el=els[i];var left=Number(el.getAttribute('data-expires'))-(Date.now()+skew);var item=el.closest('.item');
if(left<=0){el.textContent='expired';if(item){item.classList.add('expired');var bs=item.querySelectorAll('button');for(var j=0;j<bs.length;j++)bs[j].disabled=true}}else el.textContent=fmt(left)}}
function busy(){var a=document.activeElement;return a&&q.contains(a)&&a.tagName==='INPUT'&&a.value}
function poll(){fetch('/console/api/queue',{credentials:'same-origin',headers:{accept:'application/json'}}).then(function(r){if(r.status===401){location.href='/console/login';return null}return r.json()}).then(function(j){if(!j)return;skew=j.now-Date.now();
if(j.version!==q.getAttribute('data-version')&&!busy()){q.innerHTML=j.html;q.setAttribute('data-version',j.version);tick()}}).catch(function(){})}
if(q){skew=Number(q.getAttribute('data-now'))-Date.now();setInterval(poll,2000)}setInterval(tick,1000);tick();
})();`;

export function layout(opts: {
  title: string;
  nonce: string;
  body: string;
  session?: Session;
  script?: boolean;
}): string {
  const nav = opts.session
    ? `<a href="/console/">Pending</a><a href="/console/audit">Audit trail</a><span class="muted">${esc(opts.session.name)}</span>
<form method="post" action="/console/logout"><input type="hidden" name="csrf" value="${esc(opts.session.csrf)}"><button>Log out</button></form>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(opts.title)} · im-admin-mcp approvals</title><style nonce="${opts.nonce}">${STYLE}</style></head>
<body><header><strong>im-admin-mcp · approval console</strong>${nav}</header><main>${opts.body}</main>
${opts.script ? `<script nonce="${opts.nonce}">${SCRIPT}</script>` : ''}</body></html>`;
}

export function loginPage(message?: string): string {
  return `<h1>Log in</h1>${message ? `<p class="msg">${esc(message)}</p>` : ''}
<form method="post" action="/console/login" class="filters">
<label>Approver name<input name="name" autocomplete="username" required></label>
<label>Credential<input name="secret" type="password" autocomplete="current-password" required></label>
<button type="submit">Log in</button></form>
<p class="muted">The credential is one of IM_ADMIN_CONSOLE_APPROVERS (or printed on the server's stderr at start).</p>`;
}

const kv = (o: Record<string, unknown>): string =>
  Object.entries(o)
    .map(([k, v]) => `${esc(k)}: ${esc(typeof v === 'string' ? v : JSON.stringify(v))}`)
    .join('; ');

function requesterText(r: ApprovalRecord): string {
  const parts = [r.requester.client ? `client ${r.requester.client}` : 'an unnamed client'];
  if (r.requester.session) parts.push(`session ${r.requester.session.slice(0, 8)}…`);
  return parts.join(', ');
}

/** One pending approval with its approve and deny forms. */
function itemCard(r: ApprovalRecord, session: Session, now: number): string {
  const expired = now >= r.expiresAt;
  const approvals = r.approvals.length
    ? `<dt>Approved by</dt><dd>${r.approvals.map((a) => esc(a.name)).join(', ')} (${r.approvals.length} of ${r.needed})</dd>`
    : r.needed > 1
      ? `<dt>Rule</dt><dd>needs ${r.needed} different approvers</dd>`
      : '';
  const form = (action: 'approve' | 'deny') =>
    `<form class="decide" method="post" action="/console/approvals/${esc(encodeURIComponent(r.id))}/${action}">
<input type="hidden" name="csrf" value="${esc(session.csrf)}">
<input name="note" maxlength="500" placeholder="note (optional)" aria-label="note for ${action}">
<button class="${action}" type="submit"${expired ? ' disabled' : ''}>${action === 'approve' ? 'Approve' : 'Deny'}</button></form>`;
  return `<article class="item${expired ? ' expired' : ''}" id="item-${esc(r.id)}" data-id="${esc(r.id)}">
<h2>${esc(r.tool)}</h2><p class="summary">${esc(r.summary)}</p>
<dl><dt>Targets</dt><dd>${kv(r.targets)}</dd>
${r.reason ? `<dt>Reason</dt><dd>${esc(r.reason)}</dd>` : ''}
<dt>Requested by</dt><dd>${esc(requesterText(r))}</dd>
<dt>Asked</dt><dd>${esc(new Date(r.createdAt).toISOString().replace('.000Z', 'Z'))}</dd>
<dt>Time left</dt><dd><span class="left" data-expires="${r.expiresAt}">${expired ? 'expired' : `${Math.ceil((r.expiresAt - now) / 1000)} s left`}</span></dd>
${approvals}<dt>Approval id</dt><dd><a href="/console/approvals/${esc(encodeURIComponent(r.id))}">${esc(r.id)}</a></dd></dl>
${form('approve')}${form('deny')}</article>`;
}

export function queueFragment(items: ApprovalRecord[], session: Session, now: number): string {
  if (items.length === 0) return '<p class="muted" id="empty">Nothing is waiting for approval.</p>';
  return items.map((r) => itemCard(r, session, now)).join('\n');
}

export function queuePage(
  items: ApprovalRecord[],
  session: Session,
  now: number,
  version: string,
  msg?: string,
): string {
  return `<h1>Pending approvals</h1>${msg ? `<p class="msg" role="status">${esc(msg)}</p>` : ''}
<p class="muted">Newest first. Each action runs once, when approved; this page updates by itself.</p>
<div id="queue" data-version="${esc(version)}" data-now="${now}">${queueFragment(items, session, now)}</div>`;
}

/** One approval, in whatever state it is. */
export function approvalPage(r: ApprovalRecord, session: Session, now: number, msg?: string): string {
  const head = `<h1>Approval ${esc(r.id)}</h1>${msg ? `<p class="msg" role="status">${esc(msg)}</p>` : ''}`;
  if (r.status === 'pending' && now < r.expiresAt) return head + itemCard(r, session, now);
  let state: string;
  if (r.status === 'pending') state = 'Expired: nobody decided in time; nothing was sent.';
  else if (r.status === 'denied')
    state = `Denied by ${r.denial?.name ?? '?'}${r.denial?.note ? `: “${r.denial.note}”` : ''}. Nothing was sent.`;
  else if (r.status === 'approved') state = `Approved by ${r.approvals.map((a) => a.name).join(' and ')}; running.`;
  else state = `Approved by ${r.approvals.map((a) => a.name).join(' and ')}; it ran.`;
  const result = r.result as { content?: { text?: string }[]; isError?: boolean } | undefined;
  const text = result?.content?.map((c) => c.text ?? '').join('\n');
  return `${head}<article class="item"><h2>${esc(r.tool)}</h2><p class="summary">${esc(r.summary)}</p>
<p><strong id="state">${esc(state)}</strong></p>${
    text ? `<p>Result${result?.isError ? ' (failed)' : ''}:</p><pre id="result">${esc(text)}</pre>` : ''
  }<dl><dt>Targets</dt><dd>${kv(r.targets)}</dd>${r.reason ? `<dt>Reason</dt><dd>${esc(r.reason)}</dd>` : ''}
<dt>Requested by</dt><dd>${esc(requesterText(r))}</dd></dl></article><p><a href="/console/">Back to the queue</a></p>`;
}

export interface AuditFilters {
  tool?: string;
  target?: string;
  outcome?: string;
  approver?: string;
  from?: string;
  to?: string;
}

export function auditPage(
  lines: Record<string, unknown>[],
  filters: AuditFilters,
  tools: string[],
  outcomes: readonly string[],
  note?: string,
): string {
  const opt = (v: string, cur?: string) => `<option${v === cur ? ' selected' : ''}>${esc(v)}</option>`;
  const form = `<form class="filters" method="get" action="/console/audit">
<label>Tool<select name="tool"><option value="">any</option>${tools.map((t) => opt(t, filters.tool)).join('')}</select></label>
<label>Target<input name="target" value="${esc(filters.target)}" placeholder="id or name"></label>
<label>Outcome<select name="outcome"><option value="">any</option>${outcomes.map((o) => opt(o, filters.outcome)).join('')}</select></label>
<label>Approver<input name="approver" value="${esc(filters.approver)}"></label>
<label>From (UTC)<input name="from" type="datetime-local" value="${esc(filters.from)}"></label>
<label>To (UTC)<input name="to" type="datetime-local" value="${esc(filters.to)}"></label>
<button type="submit">Filter</button> <a href="/console/audit">clear</a></form>`;
  const rows = lines
    .map((l) => {
      const by = Array.isArray(l.approved_by) ? l.approved_by.join(', ') : (l.denied_by ?? '');
      const outcome = String(l.outcome ?? '');
      return `<tr class="line"><td>${esc(l.time)}</td><td>${esc(l.tool)}</td><td>${kv((l.targets ?? {}) as Record<string, unknown>)}</td>
<td class="outcome-${esc(outcome)}">${esc(outcome)}</td><td>${esc(l.confirmed)}</td><td>${esc(by)}</td></tr>
<tr><td colspan="6"><details><summary>full record</summary><pre>${esc(JSON.stringify(l, null, 2))}</pre></details></td></tr>`;
    })
    .join('\n');
  return `<h1>Audit trail</h1>${form}${note ? `<p class="muted">${esc(note)}</p>` : ''}
<p class="muted" id="count">${lines.length} line${lines.length === 1 ? '' : 's'}, newest first.</p>
<table><thead><tr><th>Time (UTC)</th><th>Tool</th><th>Targets</th><th>Outcome</th><th>Confirmed</th><th>Approver</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}
