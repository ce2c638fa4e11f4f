/**
 * Deciding in the page: on a student's page a TA may set a criterion's points or the total, give a reason
 * and their name, or mark the student 保留 (undecided). The page keeps these in the browser's
 * localStorage, under a key of this report (its class and assignment), never sends them anywhere (the
 * Content-Security-Policy allows no request at all), and the class page writes them out as the
 * overrides CSV that `--overrides` reads (src/rubric/overrides.ts: student_id, criterion, points, reason,
 * grader, sha256). A held student's rows have an empty points cell (the reader skips them) and their
 * tentative points in `tentative_points`. The script is one fixed text, allowed by its hash; it reads
 * the page's data attributes and writes only text (textContent, input values), never markup.
 */
import { esc, html, raw, type Raw } from './escape.js';
import type { GradeRow } from '../../types.js';

export const DECIDE_SCRIPT = `(function () {
  var id = document.body.getAttribute('data-report');
  if (!id || !window.localStorage) return;
  var KEY = 'kadai-grader:decisions:' + id;
  var GRADER = 'kadai-grader:grader';
  function load() {
    try { var v = JSON.parse(localStorage.getItem(KEY) || 'null'); if (v && v.students && typeof v.students === 'object') return v; } catch (e) {}
    return { version: 1, students: {} };
  }
  function store(state) { try { localStorage.setItem(KEY, JSON.stringify(state)); return true; } catch (e) { return false; } }
  function say(el, text) { if (el) el.textContent = text; }
  function num(text) { var t = String(text).trim(); if (t === '') return null; var n = Number(t); return isFinite(n) ? n : NaN; }

  var panel = document.getElementById('decide');
  if (panel) {
    var student = panel.getAttribute('data-student');
    var status = panel.querySelector('.decide-status');
    var inputs = Array.prototype.slice.call(panel.querySelectorAll('input[data-criterion]'));
    var reason = panel.querySelector('input[data-field="reason"]');
    var grader = panel.querySelector('input[data-field="grader"]');
    var hold = panel.querySelector('input[data-field="hold"]');
    var saved = load().students[student];
    if (saved) {
      inputs.forEach(function (input) { var d = saved.points && saved.points[input.getAttribute('data-criterion')]; if (typeof d === 'number') input.value = String(d); });
      reason.value = saved.reason || '';
      grader.value = saved.grader || '';
      hold.checked = Boolean(saved.hold);
    }
    if (!grader.value) grader.value = localStorage.getItem(GRADER) || '';
    function applied() {
      var all = true, any = false;
      inputs.forEach(function (input) {
        var v = num(input.value), a = input.getAttribute('data-applied');
        if (v === null && a === null) return;
        any = true;
        if (a === null || v === null || v !== Number(a)) all = false;
      });
      return any && all;
    }
    function update() {
      var state = load();
      var points = {}, count = 0, bad = false;
      inputs.forEach(function (input) {
        var v = num(input.value), max = Number(input.getAttribute('max'));
        var wrong = v !== null && (isNaN(v) || v < 0 || v > max);
        input.setAttribute('aria-invalid', wrong ? 'true' : 'false');
        if (wrong) bad = true;
        else if (v !== null) { points[input.getAttribute('data-criterion')] = v; count++; }
      });
      if (grader.value.trim()) localStorage.setItem(GRADER, grader.value.trim());
      if (count === 0 && !hold.checked && !reason.value.trim()) delete state.students[student];
      else state.students[student] = {
        points: points, reason: reason.value.trim(), grader: grader.value.trim(), hold: hold.checked,
        sha256: panel.getAttribute('data-sha'), name: panel.getAttribute('data-name'), page: panel.getAttribute('data-page')
      };
      if (!store(state)) return say(status, '保存できませんでした(このブラウザーでは localStorage が使えません)。');
      if (bad) return say(status, '範囲外の点があります(0 から満点まで)。その欄は保存していません。');
      if (hold.checked) return say(status, '保留として保存しました(このブラウザー内)。書き出すと点数は空欄になり、成績には反映されません。');
      if (count === 0) return say(status, reason.value.trim() ? 'メモを保存しました(点の変更はありません)。' : '判断はありません。');
      if (!reason.value.trim() || !grader.value.trim()) return say(status, '保存しました。書き出すには理由と採点者が必要です。');
      say(status, applied() ? 'この判断は成績に反映済みです(--overrides)。' : '保存しました(このブラウザー内)。クラスの一覧の「TA の判断」から overrides CSV を書き出せます。');
    }
    panel.addEventListener('input', update);
    panel.addEventListener('change', update);
    var clear = panel.querySelector('button[data-action="clear"]');
    clear.addEventListener('click', function () {
      var state = load(); delete state.students[student]; store(state);
      inputs.forEach(function (input) { input.value = ''; input.setAttribute('aria-invalid', 'false'); });
      reason.value = ''; hold.checked = false;
      say(status, 'この学生の判断を消しました。');
    });
    if (saved) say(status, applied() ? 'この判断は成績に反映済みです(--overrides)。' : 'このブラウザーに保存された判断を表示しています。');
  }

  var list = document.getElementById('decisions');
  if (list) {
    var summary = list.querySelector('.decide-summary');
    var items = list.querySelector('.decide-list');
    var out = list.querySelector('textarea');
    var link = list.querySelector('a[data-role="download"]');
    var order = list.getAttribute('data-criteria').split(' ');
    var text = '';
    function cell(v) {
      var s = v === null || v === undefined ? '' : String(v);
      if (/^[=+@\\-\\t\\r]/.test(s)) s = ' ' + s;
      return /[",\\r\\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    }
    function rank(c) { var i = order.indexOf(c); return i < 0 ? order.length : i; }
    function csv(state) {
      var lines = ['student_id,criterion,points,reason,grader,sha256,status,tentative_points'];
      Object.keys(state.students).sort().forEach(function (sid) {
        var s = state.students[sid];
        var keys = Object.keys(s.points || {}).sort(function (a, b) { return rank(a) - rank(b); });
        if (keys.length === 0 && s.hold) lines.push([sid, 'total', '', s.reason || '保留', s.grader, s.sha256, '保留', ''].map(cell).join(','));
        keys.forEach(function (c) {
          var p = s.points[c];
          lines.push([sid, c, s.hold ? '' : p, s.reason, s.grader, s.sha256, s.hold ? '保留' : '', s.hold ? p : ''].map(cell).join(','));
        });
      });
      return lines.join('\\r\\n') + '\\r\\n';
    }
    function render() {
      var state = load();
      var ids = Object.keys(state.students).sort();
      while (items.firstChild) items.removeChild(items.firstChild);
      var held = 0, decided = 0, incomplete = 0;
      ids.forEach(function (sid) {
        var s = state.students[sid];
        var keys = Object.keys(s.points || {});
        if (s.hold) held++; else if (keys.length > 0) decided++;
        if (keys.length > 0 && !s.hold && (!s.reason || !s.grader)) incomplete++;
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.setAttribute('href', s.page || '#');
        a.textContent = sid + (s.name ? ' ' + s.name : '');
        li.appendChild(a);
        var text = (s.hold ? ' 保留' : '') + (keys.length ? ': ' + keys.map(function (c) { return (c === 'total' ? '合計' : c) + ' → ' + s.points[c]; }).join('、') : '') + (s.reason || s.grader ? '(' + [s.reason, s.grader].filter(Boolean).join('、') + ')' : '');
        li.appendChild(document.createTextNode(text));
        items.appendChild(li);
      });
      say(summary, ids.length === 0 ? 'このブラウザーに保存された判断はありません。' : '判断 ' + decided + ' 人、保留 ' + held + ' 人' + (incomplete ? '(理由か採点者のない ' + incomplete + ' 人は書き出すと読み込めません)' : '') + '。');
      text = csv(state);
      out.value = text;
    }
    list.querySelector('button[data-action="export"]').addEventListener('click', function () {
      render();
      // the text itself, not the textarea's value (a textarea turns CRLF into LF)
      var blob = new Blob(['\\ufeff' + text], { type: 'text/csv;charset=utf-8' });
      link.setAttribute('href', URL.createObjectURL(blob));
      link.click();
    });
    list.querySelector('button[data-action="clear-all"]').addEventListener('click', function () {
      if (!window.confirm('このレポートの判断をすべて消しますか?')) return;
      localStorage.removeItem(KEY); render();
    });
    render();
  }
})();`;

const who = (row: GradeRow): string => [row.studentId ?? '(学籍番号なし)', row.name ?? ''].join(' ').trim();

/** The student's panel: one input per criterion (graded rows) and the total, the reason, the grader, 保留. */
export function decidePanel(row: GradeRow, href: string, step: number): Raw {
  if (!row.studentId) return html`<section id="decide-none"><h2>TA の判断</h2><p class="muted">学籍番号がないため、ここでは判断を記録できません(overrides CSV は学籍番号で読みます)。</p></section>`;
  if (!row.primary) return html`<section id="decide-none"><h2>TA の判断</h2><p class="muted">この学生の判断は、成績になる提出のページで記録します。</p></section>`;
  const applied = new Map(row.overrides.map((o) => [o.criterion, o]));
  const input = (criterion: string, title: string, max: number, current: number): Raw => {
    const o = applied.get(criterion);
    return html`<tr><td>${title}</td><td class="num" data-label="いまの点">${current} / ${max}</td><td data-label="TA の点"><input type="number" inputmode="decimal" min="0" max="${max}" step="${step}" data-criterion="${criterion}"${raw(o ? ` data-applied="${esc(o.to)}"` : '')} aria-label="${`${title} の TA の点(0〜${max})`}" placeholder="未変更"></td></tr>`;
  };
  const criteria = row.criteria ?? [];
  return html`<section id="decide" data-student="${row.studentId}" data-sha="${row.sha256}" data-name="${row.name ?? ''}" data-page="${href}"><h2>TA の判断</h2>
<p class="muted">ここに入れた判断は、このブラウザーの中(localStorage)にだけ保存され、どこにも送信されません。クラスの一覧の「TA の判断」で overrides CSV に書き出し、<code>--overrides</code> で読み込むと成績に反映されます。空欄は自動の点のままです。</p>
<table class="decide stack"><thead><tr><th>項目</th><th class="num">いまの点</th><th>TA の点</th></tr></thead><tbody>${criteria.map((c) => input(c.id, c.title, c.maxPoints, c.points))}${input('total', '合計(最終の点数)', row.maxScore, row.score)}</tbody></table>
<div class="decide-fields"><label>理由 <input type="text" data-field="reason" size="40" placeholder="学生にも伝わる理由"></label> <label>採点者 <input type="text" data-field="grader" size="10"></label> <label><input type="checkbox" data-field="hold"> 保留(まだ決めない)</label> <button type="button" data-action="clear">この学生の判断を消す</button></div>
<p class="decide-status" role="status" aria-live="polite"></p>
<p class="raw-text"><small>${who(row)} · sha256 ${row.sha256.slice(0, 12)}…</small></p></section>`;
}

/** The class page's panel: what this browser holds for this report, and the export. */
export function decisionsPanel(criteria: readonly string[]): Raw {
  return html`<section id="decisions" data-criteria="${[...criteria, 'total'].join(' ')}"><h2>TA の判断</h2>
<p class="muted">各学生のページで入れた判断(点の変更、理由、採点者、保留)は、このブラウザーの中にだけ保存されています。書き出した CSV を <code>grade … --overrides overrides.csv</code> で読み込むと成績に反映され、このレポートにも「TA の修正」として表示されます。保留の学生は点数の欄が空になり、反映されません。</p>
<p class="decide-summary" role="status" aria-live="polite">(判断の一覧はスクリプトで表示します)</p>
<ul class="decide-list"></ul>
<p><button type="button" data-action="export">overrides CSV を書き出す</button> <button type="button" data-action="clear-all">このレポートの判断をすべて消す</button><a hidden download="overrides.csv" data-role="download">overrides.csv</a></p>
<details><summary>書き出す内容(コピーもできます)</summary><textarea readonly rows="6" aria-label="overrides CSV"></textarea></details></section>`;
}

/** The overrides already applied to this row (from --overrides), shown beside the score. */
export function appliedOverrides(row: GradeRow): Raw {
  if (row.overrides.length === 0) return html``;
  const title = (criterion: string): string => (criterion === 'total' ? '合計' : (row.criteria?.find((c) => c.id === criterion)?.title ?? criterion));
  return html`<div class="note" id="overrides"><b>TA の修正(--overrides)</b><ul>${row.overrides.map(
    (o) => html`<li>${title(o.criterion)}: ${o.from} → <b>${o.to}</b> 点(理由: ${o.reason}、${o.grader}${o.stale ? '。注意: 修正は別の版のファイルに対して書かれています' : ''})</li>`,
  )}</ul></div>`;
}
