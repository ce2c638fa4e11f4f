import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

const ok = await tf.setBackend('wasm');
await tf.ready();
console.log('wasm', ok, tf.getBackend());
const B = 64, IN = 784, H = 32;
const x = tf.randomUniform([B, IN]);
const xT = tf.randomUniform([IN, B]);
const w = tf.randomUniform([IN, H]);
const b = tf.zeros([H]);
const dz = tf.randomUniform([B, H]);
function time(name: string, n: number, f: () => void) {
  for (let i = 0; i < 20; i++) f();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f();
  console.log(name, ((performance.now() - t0) / n * 1000).toFixed(1), 'us');
}
time('fused fwd', 500, () => { const z = tf.fused.matMul({ a: x, b: w, bias: b }); z.dataSync(); z.dispose(); });
time('matmul xT*dz', 500, () => { const z = tf.matMul(xT, dz); z.dataSync(); z.dispose(); });
time('matmul transA x,dz', 200, () => { const z = tf.matMul(x, dz, true, false); z.dataSync(); z.dispose(); });
const wData = new Float32Array(IN * H);
time('upload W + fused', 500, () => { const ww = tf.tensor2d(wData, [IN, H]); const z = tf.fused.matMul({ a: x, b: ww, bias: b }); z.dataSync(); z.dispose(); ww.dispose(); });
const xData = new Float32Array(B * IN);
time('upload x', 2000, () => { const t = tf.tensor2d(xData, [B, IN]); t.dispose(); });
time('tiny add', 2000, () => { const t = tf.add(b, b); t.dispose(); });
console.log(tf.memory());
const big = tf.randomUniform([2000, IN]);
time('val chunk fwd 2000', 20, () => { const z = tf.fused.matMul({ a: big, b: w, bias: b }); z.dataSync(); z.dispose(); });
const dzT = tf.randomUniform([H, B]);
time('matmul dzT*x', 500, () => { const z = tf.matMul(dzT, x); z.dataSync(); z.dispose(); });
time('matmul dzT*x new dzT', 500, () => { const d = tf.tensor2d(new Float32Array(H*B),[H,B]); const z = tf.matMul(d, x); z.dataSync(); z.dispose(); d.dispose(); });
time('matmul xT*dz new dz', 500, () => { const d = tf.tensor2d(new Float32Array(H*B),[B,H]); const z = tf.matMul(xT, d); z.dataSync(); z.dispose(); d.dispose(); });
time('fused fwd new x', 500, () => { const xx = tf.tensor2d(xData,[B,IN]); const z = tf.fused.matMul({ a: xx, b: w, bias: b }); z.dataSync(); z.dispose(); xx.dispose(); });
console.log(tf.memory());
