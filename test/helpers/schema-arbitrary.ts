/**
 * Values from a listed JSON Schema alone (fast-check): what a client that reads only tools/list may send. Covers the
 * keywords the listed schemas use and throws on any other, so a new keyword cannot slip past the property test
 * unseen. Strings are drawn from an alphabet rich in what id rules refuse (separators, dots, spaces, control and
 * astral characters), lengths reach past any limit the schema does not state, numbers span the whole range the
 * schema allows: anything the schema admits is fair game.
 */
import fc from 'fast-check';

type Schema = Record<string, unknown>;

const KNOWN = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'description',
  'enum',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'items',
  'propertyNames',
]);

/** Characters that trip id and length rules: separators, dots, whitespace of every kind, controls, astral. */
const HOSTILE = [
  '/',
  '\\',
  ',',
  '.',
  '..',
  '?',
  '#',
  ' ',
  '\t',
  '\n',
  '\u0000',
  '\u007f',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '%2F',
  '界',
  '😀',
  '@',
  '-',
  '_',
];
const UNIT = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'abcXYZ0189'.split('')) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
/** Past every unstated limit (the longest limit the catalog states is far below). */
const UNBOUNDED = 1_100;

const codePoints = (s: string): number => [...s].length;

function stringOf(s: Schema): fc.Arbitrary<string> {
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : UNBOUNDED;
  const lengthOk = (v: string) => codePoints(v) >= min && codePoints(v) <= max;
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern);
    let viaPattern: fc.Arbitrary<string> | undefined;
    try {
      viaPattern = fc.stringMatching(re);
    } catch {
      // an assertion fast-check cannot generate from (lookahead): filter the hostile alphabet instead
    }
    const filtered = fc
      .array(UNIT, { minLength: 1, maxLength: Math.min(max, 80) })
      .map((u) => u.join(''))
      .filter((v) => re.test(v));
    const gen = viaPattern ? fc.oneof(viaPattern, filtered) : filtered;
    return gen.filter(lengthOk);
  }
  // lengths at the limits are where counting differs (UTF-16 units, code points, bytes): give them weight
  const near = (n: number) =>
    fc.array(fc.constantFrom('a', '界', '😀', ' '), { minLength: n, maxLength: n }).map((u) => u.join(''));
  const edges: fc.Arbitrary<string>[] = [near(min)];
  if (max < UNBOUNDED) edges.push(near(max));
  else edges.push(fc.constant('x'.repeat(UNBOUNDED)));
  const free = fc.array(UNIT, { maxLength: Math.min(max, 300) }).map((u) => u.join(''));
  return fc.oneof(free, ...edges).filter(lengthOk);
}

function numberOf(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = typeof s.minimum === 'number' ? s.minimum : Number.MIN_SAFE_INTEGER;
  const max = typeof s.maximum === 'number' ? s.maximum : Number.MAX_SAFE_INTEGER;
  if (integer) return fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }));
  return fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
}

/** An arbitrary of the values `schema` admits. */
export function fromSchema(schema: Schema): fc.Arbitrary<unknown> {
  const unknown = Object.keys(schema).filter((k) => !KNOWN.has(k));
  if (unknown.length) throw new Error(`schema keyword(s) not covered by the generator: ${unknown.join(', ')}`);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  switch (schema.type) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return numberOf(schema, true);
    case 'number':
      return numberOf(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = (schema.items ?? {}) as Schema;
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxLength = typeof schema.maxItems === 'number' ? schema.maxItems : 50;
      const item = fromSchema(items);
      // full lists at the limit (batches accept 1,000); longer limits are drawn at 1,000 to keep the run short
      const full = Math.min(maxLength, 1_000);
      return fc.oneof(
        { weight: 4, arbitrary: fc.array(item, { minLength, maxLength: Math.min(maxLength, minLength + 5) }) },
        { weight: 1, arbitrary: fc.array(item, { minLength: full, maxLength: full }) },
      );
    }
    case 'object':
      return objectOf(schema);
    default:
      throw new Error(`schema type not covered by the generator: ${JSON.stringify(schema.type)}`);
  }
}

function objectOf(schema: Schema): fc.Arbitrary<Record<string, unknown>> {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const additional = schema.additionalProperties;
  if (schema.propertyNames !== undefined || (additional && typeof additional === 'object')) {
    // a map: keys from propertyNames, values from additionalProperties
    const keys = stringOf({ type: 'string', ...((schema.propertyNames ?? {}) as Schema) });
    const values = fromSchema((additional ?? {}) as Schema);
    return fc.dictionary(keys, values, { maxKeys: 5 });
  }
  if (additional !== false) throw new Error('an object schema without additionalProperties: false');
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(props)) shape[k] = fromSchema(v);
  return fc.record(shape, { requiredKeys: [...required] });
}
