/**
 * JSON Schema of the rubric format, for editors (yaml-language-server): generated from the zod schema,
 * with each criterion's `check` one of the registered ids and its `options` that check's own schema.
 */
import { z } from 'zod';
import { checks } from '../core/checks/index.js';
import { criterionSchema, rubricSchema } from '../core/rubric/schema.js';

export function rubricJsonSchema(): string {
  const criteria = Object.values(checks).map((check) =>
    criterionSchema.extend({
      check: z.literal(check.id).describe(check.description),
      options: check.options.optional().describe(`Options of the ${check.id} check`),
    }),
  );
  const schema = rubricSchema.extend({ criteria: z.array(z.union(criteria)).min(1) });
  return `${JSON.stringify(z.toJSONSchema(schema, { io: 'input' }), null, 2)}\n`;
}
