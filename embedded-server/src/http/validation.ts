import { Ajv, type Options, type ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

// Bodies are JSON and must carry the right types: `"type": "1"` is not the number 1.
// Path and query parameters are text by nature and are converted to the schema's types.
const common: Options = { useDefaults: true, allErrors: false, strict: false };
const bodyAjv = new Ajv({ ...common, coerceTypes: false });
const textAjv = new Ajv({ ...common, coerceTypes: 'array' });

type Validator = ReturnType<FastifySchemaCompiler<object>>;

/**
 * Compiles a route's schema the first time the route is called. Compiling every schema
 * up front was most of the server's start-up, and the desktop app waits for it; a route
 * pays about a millisecond on its first request instead.
 */
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  let compiled: ValidateFunction | undefined;
  const validate = ((data: unknown) => {
    compiled ??= ajv.compile(schema);
    const valid = compiled(data);
    // Fastify reads the errors from the function it was given.
    validate.errors = compiled.errors;
    return valid;
  }) as Validator & { errors?: ValidateFunction['errors'] };
  return validate;
};
