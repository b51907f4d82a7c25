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
  const numericKeys = httpPart === 'body' ? [] : numericPropertiesOf(schema);
  let compiled: ValidateFunction | undefined;
  const validate = ((data: unknown) => {
    const loose = looseNumber(data, numericKeys);
    if (loose) {
      validate.errors = [
        { instancePath: `/${loose}`, schemaPath: '', keyword: 'type', params: {}, message: NOT_DECIMAL },
      ];
      return false;
    }
    compiled ??= ajv.compile(schema);
    const valid = compiled(data);
    // Fastify reads the errors from the function it was given.
    validate.errors = compiled.errors;
    return valid;
  }) as Validator & { errors?: ValidateFunction['errors'] };
  return validate;
};

const NOT_DECIMAL = 'must be a whole number written in plain decimal digits';
/** How a number is written in a path or a query: digits, an optional minus, no leading zeros. */
const DECIMAL = /^-?(0|[1-9][0-9]*)$/;

/** The properties of a path or query schema that hold numbers. */
function numericPropertiesOf(schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties ?? {};
  return Object.entries(properties)
    .filter(([, property]) => property.type === 'integer' || property.type === 'number')
    .map(([key]) => key);
}

/**
 * The first numeric parameter written other than in plain decimal. Converting text to a
 * number would take `0x10`, `1e3`, `1.0` or a blank as numbers; a client that sends those
 * is told so instead of being half understood.
 */
function looseNumber(data: unknown, keys: readonly string[]): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const values = data as Record<string, unknown>;
  return keys.find((key) => typeof values[key] === 'string' && !DECIMAL.test(values[key]));
}
