/**
 * Worker-thread entry for computeReference: one backend per worker, then one training job (a seed)
 * per message. Runs from the compiled dist/ (node dist/…) or from source under tsx.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend } from './backend.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './pool.js';
import { train } from './train.js';

const port = parentPort;
if (port) {
  const init = workerData as WorkerInit;
  const post = (reply: WorkerReply) => port.postMessage(reply);
  try {
    const selected = await selectBackend(init.backend);
    post({ type: 'ready', backend: selected.name, notes: selected.notes });
    port.on('message', (request: WorkerRequest) => {
      try {
        const result = train({
          ...request.spec,
          data: init.data,
          seed: request.seed,
          epochs: request.epochs,
          onEpoch: (epoch) => post({ type: 'epoch', seed: request.seed, epoch }),
        });
        post({ type: 'done', result });
      } catch (err) {
        post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}
