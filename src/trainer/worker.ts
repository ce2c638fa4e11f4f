/**
 * Worker-thread entry for pool.ts: one backend per worker, then one training job per message (a
 * trainer error fails that job only). Runs from the compiled dist/ (node dist/…) or from source under tsx.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend } from './backend.js';
import { runJob, type WorkerInit, type WorkerReply, type WorkerRequest } from './pool.js';

const port = parentPort;
if (port) {
  const init = workerData as WorkerInit;
  const post = (reply: WorkerReply) => port.postMessage(reply);
  try {
    const selected = await selectBackend(init.backend);
    post({ type: 'ready', backend: selected.name, notes: selected.notes });
    port.on('message', (request: WorkerRequest) => {
      const outcome = runJob(request, init.data, (epoch) => post({ type: 'epoch', job: request.job, epoch }));
      post('result' in outcome ? { type: 'done', job: request.job, result: outcome.result } : { type: 'failed', job: request.job, message: outcome.error });
    });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}
