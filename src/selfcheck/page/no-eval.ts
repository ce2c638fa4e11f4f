/**
 * Imported first by the page script: zod builds its schemas without generated code. Otherwise zod probes
 * `new Function('')` when the first schema is built, which the page's Content-Security-Policy refuses
 * (and reports as a violation). Validation gives the same results either way.
 */
import { z } from 'zod';

z.config({ jitless: true });
