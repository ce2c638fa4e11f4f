/** JSON Schema of the rubric format, for editors (yaml-language-server). */
import { z } from 'zod';
import { rubricSchema } from './schema.js';

export function rubricJsonSchema(): string {
  return `${JSON.stringify(z.toJSONSchema(rubricSchema, { io: 'input' }), null, 2)}\n`;
}
