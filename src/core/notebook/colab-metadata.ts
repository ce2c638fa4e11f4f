/**
 * Google Colab metadata, as Colab writes it into exported notebooks:
 *
 *   notebook: "metadata": { "colab": { "provenance": [], "gpuType": "T4" }, "accelerator": "GPU",
 *                           "kernelspec": { "name": "python3", "display_name": "Python 3" } }
 *   cell:     "metadata": { "id": "…", "executionInfo": { "status": "ok", "timestamp": 1699950000000,
 *                           "user_tz": -540, "elapsed": 1234, "user": { "displayName": "…", "userId": "…" } } }
 */

type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Colab's `gpuType` ("T4") when present, else `accelerator` ("GPU", "TPU"), else null. */
export function notebookAccelerator(metadata: unknown): string | null {
  if (!isRecord(metadata)) return null;
  const colab = metadata['colab'];
  const gpuType = isRecord(colab) ? nonEmptyString(colab['gpuType']) : null;
  return gpuType ?? nonEmptyString(metadata['accelerator']);
}

export function hasColabNotebookMetadata(metadata: unknown): boolean {
  return isRecord(metadata) && isRecord(metadata['colab']);
}

/** kernelspec.name ("python3"), else its display_name, else language_info.name. */
export function notebookKernel(metadata: unknown): string | null {
  if (!isRecord(metadata)) return null;
  const spec = metadata['kernelspec'];
  if (isRecord(spec)) {
    const name = nonEmptyString(spec['name']) ?? nonEmptyString(spec['display_name']);
    if (name) return name;
  }
  const language = metadata['language_info'];
  return isRecord(language) ? nonEmptyString(language['name']) : null;
}

/** The cell's `metadata.executionInfo`: when (ISO 8601, UTC) and by whom it was last run. */
export function cellExecutionInfo(
  metadata: unknown,
): { executedAt: string | null; user: string | null; userId: string | null } | undefined {
  if (!isRecord(metadata)) return undefined;
  const info = metadata['executionInfo'];
  if (!isRecord(info)) return undefined;
  const user = info['user'];
  const userId = isRecord(user) ? (nonEmptyString(user['userId']) ?? (typeof user['userId'] === 'number' ? String(user['userId']) : null)) : null;
  return {
    executedAt: timestampToIso(info['timestamp']),
    user: isRecord(user) ? (nonEmptyString(user['displayName']) ?? userId) : null,
    userId,
  };
}

function timestampToIso(value: unknown): string | null {
  const ms = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
