import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
await tf.setBackend('wasm');
const B = 64, IN = 784, H = 32;
const rnd = (n: number) => Float32Array.from({ length: n }, () => Math.random());
const x = rnd(B * IN), xT = rnd(B * IN), w = rnd(IN * H), dz = rnd(B * H), dzT = rnd(B * H), b = rnd(H);
function time(name: string, f: () => void) {
  for (let i = 0; i < 200; i++) f();
  const t0 = performance.now();
  for (let i = 0; i < 1500; i++) f();
  console.log(name.padEnd(22), ((performance.now() - t0) / 1500 * 1000).toFixed(1), 'us');
}
for (let rep = 0; rep < 2; rep++) {
time('fwd x·W (+bias)', () => { const a = tf.tensor2d(x, [B, IN]); const ww = tf.tensor2d(w, [IN, H]); const bb = tf.tensor1d(b); const z = tf.fused.matMul({ a, b: ww, bias: bb }); z.dataSync(); z.dispose(); a.dispose(); ww.dispose(); bb.dispose(); });
time('dW^T = dzT·x', () => { const a = tf.tensor2d(dzT, [H, B]); const xx = tf.tensor2d(x, [B, IN]); const z = tf.matMul(a, xx); z.dataSync(); z.dispose(); a.dispose(); xx.dispose(); });
time('dW = xT·dz', () => { const a = tf.tensor2d(xT, [IN, B]); const d = tf.tensor2d(dz, [B, H]); const z = tf.matMul(a, d); z.dataSync(); z.dispose(); a.dispose(); d.dispose(); });
time('upload x only', () => { const a = tf.tensor2d(x, [B, IN]); a.dispose(); });
time('W^T·... = W·dzT', () => { const a = tf.tensor2d(w, [IN, H]); const d = tf.tensor2d(dzT, [H, B]); const z = tf.matMul(a, d); z.dataSync(); z.dispose(); a.dispose(); d.dispose(); });
}
