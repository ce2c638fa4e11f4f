import { loadMnist } from '../../src/trainer/mnist.js';
for (let i = 0; i < 2; i++) { const t = performance.now(); const d = loadMnist(); console.log(performance.now() - t, d.trainLabels.slice(0, 5), d.testLabels.slice(0,5)); }
