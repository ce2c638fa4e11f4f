import { loadPythonParser } from './src/core/python/index.js';
import { parseBounded } from './src/core/python/tree-sitter.js';
import { copySyntaxTree } from './src/core/python/syntax-tree.js';
const parser = await loadPythonParser();
let parseMs = 0, copyMs = 0, nodes = 0;
for (let i = 0; i < 2000; i++) {
  const src = `# 学生${i} の確認\nprint(model.evaluate(x_test[:${100 + i}], y_test[:${100 + i}], verbose=0))`;
  let t = performance.now(); const r = parseBounded(parser, src); parseMs += performance.now() - t;
  if (!r.ok) throw new Error();
  t = performance.now(); const root = copySyntaxTree(r.tree, src); copyMs += performance.now() - t;
  const st = [root]; while (st.length) { const n = st.pop()!; nodes++; st.push(...n.children); }
  r.tree.delete();
}
console.log({ parseMs: parseMs.toFixed(0), copyMs: copyMs.toFixed(0), nodes });
let t = performance.now();
for (let i = 0; i < 2000; i++) { const src = `# 学生${i} の確認\nprint(model.evaluate(x_test[:${100 + i}], y_test[:${100 + i}], verbose=0))`; const tree = parser.parse(src)!; tree.delete(); }
console.log('plain parse', (performance.now() - t).toFixed(0));
