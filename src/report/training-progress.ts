/** Progress text for training on stderr: which seed and epoch, the last val_accuracy, and the time left. */
export interface TrainingProgressState {
  startedAt: number;
  epochsDone: number;
  epochsTotal: number;
}

const clock = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
};

export function trainingProgressLine(
  state: TrainingProgressState,
  now: number,
  what: { label: string; epoch: number; epochs: number; valAccuracy: number | null },
): string {
  const elapsed = (now - state.startedAt) / 1000;
  const perEpoch = state.epochsDone > 0 ? elapsed / state.epochsDone : 0;
  const left = perEpoch * (state.epochsTotal - state.epochsDone);
  const val = what.valAccuracy === null ? '' : ` val_accuracy ${what.valAccuracy.toFixed(4)}`;
  return `${what.label} epoch ${what.epoch}/${what.epochs}${val} · ${state.epochsDone}/${state.epochsTotal} epochs · ETA ${clock(left)}`;
}
