import { Ajv, type Options } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

// Bodies are JSON and must carry the right types: `"type": "1"` is not the number 1.
// Path and query parameters are text by nature and are converted to the schema's types.
const common: Options = { useDefaults: true, allErrors: false, strict: false };
const bodyAjv = new Ajv({ ...common, coerceTypes: false });
const textAjv = new Ajv({ ...common, coerceTypes: 'array' });

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  return ajv.compile(schema) as ReturnType<FastifySchemaCompiler<object>>;
};
