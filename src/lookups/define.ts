/**
 * Lookups: read-only tools composed of documented reads (contract §3, §5: listed like the others, declared in the
 * manifest with `composed_of`). A lookup is data like a catalog entry: its name, input, the catalog entries it
 * reads (typed references, the only ones it may read) and a function combining their answers. The App runs each
 * read through the same pipeline as the guards' pre-image reads (validation, auth, pacing, retries, shaping).
 */
import type { z } from 'zod';
import type { Annotations, Targets, ToolOutput, ToolSpec, Vendor } from '../tools/define.js';
import type { Answer, AnswerShape } from '../tools/output.js';

/** What a walk through a paged list came to. */
export interface PageWalk {
  /** the rows of every page read */
  rows: unknown[];
  /** pages read */
  pages: number;
  /** the cap stopped the walk while the list went on: rows beyond those read may exist */
  capReached: boolean;
}

/** The reads a lookup may make; each refuses an entry not in its `composedOf`. */
export interface Reads {
  /** one documented read; its shaped result (data, readable twins) */
  one<S extends z.ZodObject>(tool: ToolSpec<S>, args: z.input<S>): Promise<Record<string, unknown>>;
  /**
   * A list with declared `paging`, page after page (the largest page size its schema allows) until the end, until
   * `stop` says so for a page's rows, or until `maxPages` pages were read.
   */
  pages<S extends z.ZodObject>(
    tool: ToolSpec<S>,
    args: z.input<S>,
    maxPages: number,
    stop?: (rows: unknown[]) => boolean,
  ): Promise<PageWalk>;
}

export interface ComposedSpec<S extends z.ZodObject = z.ZodObject> {
  /** `<vendor>_<verb>_<object>`, like the documented operations */
  name: string;
  title: string;
  description: string;
  vendor: Vendor;
  /** always LOOKUP: read-only */
  annotations: Annotations;
  /** the toolset it is selected with (IM_ADMIN_TOOLSETS, dynamic mode) */
  toolset: string;
  input: S;
  targets?: Targets<z.output<S>>;
  /** what it answers (tools/output.ts), the server's own fields around the rows its reads return */
  output: AnswerShape;
  /** the documented reads it is composed of, in the order it uses them (the manifest's `composed_of`) */
  composedOf: readonly ToolSpec[];
  run(args: z.output<S>, reads: Reads): Promise<ToolOutput>;
}

/** Read-only, nothing changed, safe to repeat, answers from the vendor's open world. */
const LOOKUP: Annotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};

/** Keeps each lookup's argument types tied to its schema. */
export const lookup = <S extends z.ZodObject>(spec: Omit<ComposedSpec<S>, 'annotations'>): ComposedSpec<S> => ({
  ...spec,
  annotations: LOOKUP,
});

/** One row of a documented list's declared answer (its `data` list), for a lookup that returns such rows. */
export function rowOf(tool: ToolSpec): Answer {
  const data = tool.output?.data;
  return Array.isArray(data) ? (data[0] as Answer) : {};
}

/** The page-walk fields every list lookup answers. */
export const WALKED = { pages_read: 'integer', page_cap: 'integer', cap_reached: 'boolean' } as const;

/** The page cap of a lookup, said once for every summary. */
export function capText(walk: PageWalk, cap: number, what: string): string {
  return walk.capReached
    ? ` The cap of ${cap} page(s) was reached before the end of the ${what}: more may exist; raise max_pages.`
    : ` The whole ${what} was read (${walk.pages} page(s)).`;
}

export const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
