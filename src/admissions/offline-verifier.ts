// The offline verifier: one self-contained .html (no network, no library) that the bureau publishes beside a result.
// Anyone opens it in a browser, chooses the draw's published data file (下载复核数据 on /verify: the list, the
// parameters, the entropy and the result) and the page recomputes list_hash, seed, keys and ranks with the
// browser's own WebCrypto. Its script is a second, independent implementation of lottery v1 and assignment v1,
// written from docs/methods/admissions.md (the server's is src/admissions/lottery.ts, assignment.ts); the
// browser test runs it against the server's results.
const SCRIPT = String.raw`
const enc = new TextEncoder();
const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
const sha = async (s) => hex(await crypto.subtle.digest('SHA-256', enc.encode(s)));
const norm = (s) => String(s).trim().normalize('NFC');
function bytesCmp(a, b) {
  const x = enc.encode(a), y = enc.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}
async function keyer(seed) {
  const raw = Uint8Array.from(seed.match(/../g).map((h) => parseInt(h, 16)));
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return async (id) => hex(await crypto.subtle.sign('HMAC', key, enc.encode(id)));
}
async function recompute(data) {
  const d = data.draw, r = data.result;
  const entropy = r.entropy.map(norm);
  if (d.method === 'junheng-lottery-v1') {
    const apps = data.applicants.map((a) => ({ id: norm(a.applicantId), p: a.priority }));
    const listHash = await sha(apps.map((a) => a.id + '\t' + a.p).sort(bytesCmp).join('\n'));
    const seed = await sha(['junheng-lottery-v1', norm(d.code), listHash, String(d.seats), ...entropy].join('\n'));
    const mac = await keyer(seed);
    for (const a of apps) a.key = await mac(a.id);
    apps.sort((a, b) => a.p - b.p || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || bytesCmp(a.id, b.id));
    return { list_hash: listHash, seed, rows: apps.map((a, i) => ({ applicant_id: a.id, priority: a.p, key: a.key, rank: i + 1, admitted: i < d.seats })) };
  }
  const apps = data.applicants.map((a) => ({ id: norm(a.applicantId), c: (a.choices || []).map(norm) }));
  const listHash = await sha(apps.map((a) => a.id + '\t' + a.c.join('|')).sort(bytesCmp).join('\n'));
  const caps = d.capacities.map((c) => ({ s: norm(c.schoolCode), n: c.seats })).sort((a, b) => bytesCmp(a.s, b.s));
  const capsLine = caps.map((c) => c.s + '=' + c.n).join(',');
  const seed = await sha(['junheng-assign-v1', norm(d.code), listHash, capsLine, ...entropy].join('\n'));
  const mac = await keyer(seed);
  for (const a of apps) a.key = await mac(a.id);
  apps.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || bytesCmp(a.id, b.id));
  const left = new Map(caps.map((c) => [c.s, c.n]));
  const rows = apps.map((a, i) => {
    const s = a.c.find((x) => left.get(x) > 0) ?? null;
    if (s !== null) left.set(s, left.get(s) - 1);
    return { applicant_id: a.id, key: a.key, rank: i + 1, school_code: s };
  });
  return { list_hash: listHash, seed, caps: capsLine, rows };
}
function firstDifference(data, mine) {
  const r = data.result;
  if (data.draw.listHash !== mine.list_hash) return '名单哈希与公示的不一致 / the list hash differs from the published one (' + data.draw.listHash + ' vs ' + mine.list_hash + ')';
  if (r.list_hash !== mine.list_hash) return 'list_hash: ' + r.list_hash + ' vs ' + mine.list_hash;
  if (r.seed !== mine.seed) return 'seed: ' + r.seed + ' vs ' + mine.seed;
  const pub = r.results || r.assignments;
  if (!Array.isArray(pub) || pub.length !== mine.rows.length) return '结果人数不一致 / the number of results differs';
  for (let i = 0; i < pub.length; i++)
    for (const k of Object.keys(mine.rows[i]))
      if (pub[i][k] !== mine.rows[i][k]) return '第 ' + (i + 1) + ' 项 / entry ' + (i + 1) + ' ' + k + ': ' + JSON.stringify(pub[i][k]) + ' vs ' + JSON.stringify(mine.rows[i][k]);
  return null;
}
const out = document.getElementById('out');
document.getElementById('file').addEventListener('change', async (ev) => {
  const f = ev.target.files[0];
  if (!f) return;
  out.className = '';
  out.textContent = '计算中… / computing…';
  try {
    const data = JSON.parse(await f.text());
    if (!data.result) throw new Error('文件中没有公布的结果 / the file holds no published result');
    const mine = await recompute(data);
    const diff = firstDifference(data, mine);
    out.className = diff ? 'bad' : 'ok';
    out.textContent = diff ? '不一致 / differs — ' + diff : '一致：与公布的结果完全相同 / matches the published result (' + data.draw.method + ', ' + data.draw.code + ', list_hash ' + mine.list_hash + ', seed ' + mine.seed + ')';
  } catch (e) {
    out.className = 'bad';
    out.textContent = '无法读取 / cannot read: ' + e.message;
  }
});
`;

export function offlineVerifierHtml(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>派位结果离线复核 / Offline draw verifier</title>
<style>body{font-family:system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;max-width:760px;margin:32px auto;padding:0 16px;color:#222;line-height:1.6}
#out{margin-top:16px;padding:12px;border-radius:6px;background:#f3f4f6;word-break:break-all}#out.ok{background:#e8f5e9;color:#1b5e20}#out.bad{background:#ffebee;color:#b71c1c}code{background:#f3f4f6;padding:0 4px}</style></head>
<body><h1>派位结果离线复核 <small>/ Offline draw verifier</small></h1>
<p>本文件不联网：在“派位结果复核”页面下载某次派位的复核数据（.json），在此选择该文件，浏览器将用公示的名单和现场摇号数重新计算名单哈希、随机种子和每个人的名次，并与公布的结果逐项比对。</p>
<p>This file needs no network: choose a draw's published data (.json, from the verification page) and your browser recomputes the list hash, the seed and every rank, and compares them with the published result.</p>
<ol><li><code>list_hash</code> = SHA-256（按 UTF-8 字节排序的“编号\\t优先级”或“编号\\t志愿”行，以换行连接）</li>
<li><code>seed</code> = SHA-256（方法、派位编号、名单哈希、学位数或各校学位、各摇号数，以换行连接）</li>
<li><code>key</code> = HMAC-SHA256（种子, 报名编号）；单校派位按优先级、key、编号排序，前“学位数”名录取；多校划片按 key、编号依次选择志愿中尚有学位的第一所学校。</li></ol>
<p><input type="file" id="file" accept=".json,application/json" data-testid="offline-file"></p>
<div id="out" data-testid="offline-out">请选择复核数据文件 / choose the data file</div>
<script>${SCRIPT}</script></body></html>`;
}
