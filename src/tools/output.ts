/**
 * What an operation answers, declared on its entry (`output`) as the agent receives it: the vendor's documented
 * response shape (the seeds' response tables and examples) after the vendor profile's shaping (Easemob keeps `data`,
 * `entities`, `count`, `cursor`, `total`; Lanying unwraps its `{code, message, data}` envelope to `data`, `cursor`,
 * `version`). Readable twins and the server's own fields are added by execute/output-schema.ts, which turns every
 * declaration into the tool's listed `outputSchema` once at start-up.
 *
 * A declaration is plain data: a type word, `[item]` for an array, `{field: …}` for an object (always open: a
 * vendor may add fields), or `either(a, b)` where the vendor answers one of several shapes.
 */

/** JSON types as the documentation names them; `int64`: an integer, or its exact decimal string beyond 2^53. */
export type Scalar = 'string' | 'integer' | 'number' | 'boolean' | 'int64' | 'any';

/** One of several shapes (Easemob answers an object for one id and an array for several). */
export class Either {
  constructor(readonly of: readonly Answer[]) {}
}

export type Answer = Scalar | readonly [Answer] | { readonly [field: string]: Answer } | Either;

export const either = (...of: Answer[]): Either => new Either(of);

/** The top-level fields of a shaped answer. */
export type AnswerShape = { readonly [field: string]: Answer };
