/**
 * The first thing a TA reads about a submission, on the class page and on its own page alike: the root
 * cause in one line (未実行, 締め切り後, 読み込めない, コピーの疑い, 出力が古い …), then every criterion
 * that lost points with its points, zeros included (a criterion whose points went with the root cause says so).
 */
import { lostPoints, type RootCause } from '../review.js';
import { html, type Raw } from './escape.js';
import type { GradeRow } from '../../types.js';

export function causeBadge(cause: RootCause): Raw {
  return html`<span class="badge cause" title="${cause.code}">${cause.label}</span>`;
}

/**
 * "ノートブックの実行 0/2 · 同じ原因で: データの読み込み 0/1 …": the criteria that charge their own mistake
 * first, then those that lost points only through another's (named once), each linked to its row in the
 * points table when `href` is given.
 */
export function lostList(row: GradeRow, href: ((criterion: string) => string) | null): Raw {
  const lost = lostPoints(row);
  if (lost.length === 0) return html``;
  const item = (l: (typeof lost)[number], cls: string): Raw => {
    const text = html`${l.title} <b>${l.points}/${l.maxPoints}</b>`;
    return html`<li class="${cls}">${href ? html`<a href="${href(l.id)}">${text}</a>` : text}</li>`;
  };
  const own = lost.filter((l) => l.because === null);
  const causes = [...new Set(lost.flatMap((l) => (l.because === null ? [] : [l.because])))];
  const followers = causes.map(
    (cause) => html`<li class="same-cause">${own.some((l) => l.title === cause) ? '同じ原因で' : `原因「${cause}」で`}:</li>${lost.filter((l) => l.because === cause).map((l) => item(l, 'follower'))}`,
  );
  return html`<ul class="lost" aria-label="点を失った項目">${own.map((l) => item(l, 'own'))}${followers}</ul>`;
}

/** The cause line and the lost points, as one block. */
export function causeBlock(row: GradeRow, cause: RootCause | null, href: ((criterion: string) => string) | null): Raw {
  const lost = lostList(row, href);
  if (!cause) return lost;
  return html`<div class="cause-line">${causeBadge(cause)} <span>${cause.ja}</span></div>${lost}`;
}
