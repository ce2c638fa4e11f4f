/**
 * Why src/core/util/objects.ts exists: the cost of `{ ...o, d }` against the alternatives, on this Node.
 *
 *   npx tsx bench/object-spread.ts
 */
const o = { a: 1, b: 2, c: 3 };
const variants: Record<string, (x: typeof o) => { a: number }> = {
  '{ ...o, d }': (x) => ({ ...x, d: 4 }),
  '{ ...o, d, e, f, g }': (x) => ({ ...x, d: 4, e: 5, f: 6, g: 7 }),
  'Object.assign({}, o, { d })': (x) => Object.assign({}, x, { d: 4 }),
  '{ d, ...o }': (x) => ({ d: 4, ...x }),
  '{ a: o.a, b: o.b, c: o.c, d }': (x) => ({ a: x.a, b: x.b, c: x.c, d: 4 }),
};
const N = 1_000_000;
const lines: string[] = [`node ${process.version}, ${N.toLocaleString('en')} objects each`, '| literal | ns per object |', '|---|---|'];
for (let round = 0; round < 2; round++) {
  for (const [name, make] of Object.entries(variants)) {
    const started = performance.now();
    let sum = 0;
    for (let i = 0; i < N; i++) sum += make(o).a;
    const ns = ((performance.now() - started) * 1e6) / N;
    if (round === 1 && sum === N) lines.push(`| \`${name}\` | ${ns.toFixed(0)} |`);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
