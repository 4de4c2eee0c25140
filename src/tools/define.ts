/**
 * The tool-spec type: what one documented operation *is*. Entries under `lanying/` and `easemob/` are data
 * only; everything they *do* (request building, auth, retries, errors, confirmation) lives in shared code
 * and is driven by the fields declared here. Nothing here imports the MCP SDK.
 */
import type { z } from 'zod';
import type { HttpMethod, ToolOutput, Vendor } from '../kinds.js';
import type { AnswerShape } from './output.js';

export type { HttpMethod, ToolOutput, Vendor } from '../kinds.js';

/** All four MCP annotations, decided per operation (never inferred from the HTTP verb). */
export interface Annotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface HttpBinding {
  /** The one method this tool sends. */
  method: HttpMethod;
  /**
   * The documented path template, verbatim after the vendor's own prefix, which its client adds
   * (vendors/*.ts `pathPrefix`: Easemob `/{org_name}/{app_name}`; Lanying none).
   */
  path: string;
  /**
   * The template actually filled, when the documented one is not machine-fillable
   * (Easemob unmute documents `{member1}(,{member2},…)`; we fill `{member}` with a comma-joined array).
   */
  route?: string;
  /** Other methods the documentation allows for the same operation (Lanying PUT/POST twins): recorded, never sent. */
  alsoDocumented?: HttpMethod[];
  /** Input properties sent as query parameters (wire name = property name). */
  query?: readonly string[];
  /** Input properties sent as request headers: property name → header name (Lanying acting-as headers). */
  headers?: Readonly<Record<string, string>>;
  /**
   * How the remaining (non-path, non-query, non-header) properties are sent.
   * - `json` (default when any remain): a JSON object of them; allowed on DELETE (Lanying 1.6, 1.30; Easemob thread kick).
   * - `raw`: the single property `body` is sent as the raw request text (Lanying 1.17, 1.21).
   * - `none`: no body at all (Easemob mute-all `POST /ban`).
   */
  body?: 'json' | 'raw' | 'none';
}

export type Preimage =
  | 'group'
  | 'group_mutes'
  | 'group_blocks'
  | 'share_file'
  | 'lanying_user'
  | 'lanying_users'
  | 'lanying_device'
  | 'lanying_tags'
  | 'none';

/**
 * What an input property names, declared per entry (never guessed from its name). Protection, previews, caps and
 * audit lines all read this one declaration.
 * - `user`: a user acted on (removed, muted, blocked, demoted, disabled, renamed, settings or credentials changed,
 *   metadata set); refused when protected (IM_ADMIN_PROTECTED_USERS).
 * - `recipient`: a user who is given something (membership, a role, ownership, relief from a block, mute or ban);
 *   audited and previewed, not refused for being protected: nothing is taken from them.
 * - `actor`: the user a call acts as (Lanying's `as_user_id` header); audited only.
 * - `group`, `thread`, `file`, `device`, `tag`: the thing acted on. A protected group (IM_ADMIN_PROTECTED_GROUPS)
 *   covers every write to it, its threads (found through documented reads), files and members.
 */
export type TargetKind = 'user' | 'recipient' | 'actor' | 'group' | 'thread' | 'file' | 'device' | 'tag';
/** A kind, or for a list of objects the kind of the item property `field` (Lanying `list: [{user_id, …}]`). */
export type TargetDecl = TargetKind | { readonly kind: TargetKind; readonly field: string };
/** One declaration per input property that names a user, group, thread, file, device or tag. */
export type Targets<O> = { readonly [K in keyof O & string]?: TargetDecl };
/** Who else a call acts on, read from the vendor before it is sent: a transfer demotes the group's current owner. */
export type Implied = 'group_owner';

/**
 * Why a destructive call is answered at once, without a confirmation token and with nothing sent, when its
 * pre-image shows it is certain to fail or to change nothing (guards/preflight.ts). Each word is also the refusal's
 * `reason`. Only a well-formed answer of a documented read decides; an unreadable state never refuses.
 * - `not_found`: the thing the pre-image reads does not exist (the group, share file, Lanying user(s) or device).
 * - `group_disabled`: the group is disabled, so the vendor refuses every change to it.
 * - `already_disabled`: the group, or every listed Lanying user, is already disabled.
 * - `already_muted`: the whole group is already muted.
 * - `owner`: a user acted on is the group's owner, whom the vendor never mutes, blocks or removes.
 * - `not_member`: none of the users acted on is a member of the group (a batch acts on the members among them).
 * - `not_admin`: the user is not an admin of the group.
 * - `already_owner`: the new owner already owns the group.
 * - `already_blocked`: every user acted on is already on the group's block list.
 * - `not_bound`: none of the push tags named (or, for all tags, no tag at all) is bound to the user.
 */
export type PreflightRule =
  | 'not_found'
  | 'group_disabled'
  | 'already_disabled'
  | 'already_muted'
  | 'owner'
  | 'not_member'
  | 'not_admin'
  | 'already_owner'
  | 'already_blocked'
  | 'not_bound';

/** How long a change lasts, given by one input property (Easemob `mute_duration`). */
export interface Duration {
  /** the input property holding the length */
  prop: string;
  unit: 'ms';
  /** the value that means "no end" */
  permanent: number;
}

/** An input property's name. */
type Prop<O> = keyof O & string;
/** An input property that holds a list. */
type ListProp<O> = { [K in keyof O]-?: NonNullable<O[K]> extends readonly unknown[] ? K : never }[keyof O] & string;

/**
 * How a documented list continues (execute/paging.ts): with the cursor the vendor returns, or by page number
 * counted from `first`. Declared entries accept `max_items`; the server then follows the list up to that many
 * rows. The page size sent is the size property's listed maximum.
 */
export type Paging<O> =
  | { readonly kind: 'cursor'; readonly cursor: Prop<O>; readonly size?: Prop<O> }
  | { readonly kind: 'page'; readonly page: Prop<O>; readonly size: Prop<O>; readonly first: 0 | 1 };

/**
 * The one list property the vendor takes at most `max` items of per call. This declaration is the only source:
 * the listed schema accepts up to BATCH_ACCEPT items (execute/schema.ts) and the server splits them into calls
 * of `max` (execute/batch.ts).
 */
export interface Batch<O> {
  readonly prop: ListProp<O>;
  readonly max: number;
}

/** The context a custom `run` gets: one vendor call through the shared client, and the one local folder. */
export interface RunContext {
  /** Sends a request through the vendor's shared client (auth, timeout, errors, retries). */
  send(req: RunRequest): Promise<RunResponse>;
  signal: AbortSignal;
  /** the only local files a tool may read or write (IM_ADMIN_FILES_DIR); see guards/local-files.ts */
  files: LocalFileAccess;
}

/** What a custom `run` may do on the host's disk: every path is checked against the files folder. */
export interface LocalFileAccess {
  read(path: string, maxBytes: number): Promise<{ bytes: Uint8Array; name: string; shown: string }>;
  planWrite(path: string, overwrite: boolean): Promise<LocalWritePlan>;
  write(plan: LocalWritePlan, bytes: Uint8Array): Promise<void>;
}
export interface LocalWritePlan {
  path: string;
  shown: string;
  overwrite: boolean;
}
export interface RunRequest {
  method: HttpMethod;
  /** filled path, e.g. `/chatgroups/g1/share_files` (vendor prefix such as `/{org}/{app}` is added by the client) */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: { kind: 'json'; value: unknown } | { kind: 'raw'; text: string } | { kind: 'multipart'; form: FormData };
  /** `binary` returns the bytes instead of parsing JSON */
  expect?: 'json' | 'binary';
}
interface RunResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json?: unknown;
  bytes?: Uint8Array;
}

export interface ToolSpec<S extends z.ZodObject = z.ZodObject> {
  /** `lanying_…` / `easemob_…`, snake_case, verb first, ≤ 64 chars */
  name: string;
  title: string;
  /** written for an agent: what it does, when to use it, the one thing that surprises; no argument re-listing */
  description: string;
  /** the operation's heading exactly as the documentation writes it (`1.6 Delete users`, `解散群组`) */
  doc: string;
  vendor: Vendor;
  toolset: string;
  http: HttpBinding;
  /** a strict zod object with the documented parameter names; it validates the call and yields the JSON Schema */
  input: S;
  annotations: Annotations;
  /**
   * what the operation answers, as the agent receives it (tools/output.ts): the documented response shape after the
   * vendor's shaping. Every entry declares one; it becomes the listed outputSchema (execute/output-schema.ts).
   */
  output?: AnswerShape;
  /** how the list continues, when the documented operation pages (execute/paging.ts) */
  paging?: Paging<z.output<S>>;
  /** the list property split into vendor-sized calls (execute/batch.ts) */
  batch?: Batch<z.output<S>>;
  /** what each input property names (TargetKind): protection, previews, caps and audit lines read it */
  targets?: Targets<z.output<S>>;
  /** targets that are not input properties, found by documented reads before the call (TargetKind notes) */
  alsoActsOn?: readonly Implied[];
  /** for destructive tools: what is lost and how to undo it, shown in the confirmation preview */
  effect?: string;
  /**
   * for destructive tools: what the confirmation preview reads from the vendor first (guards/preview.ts):
   * `group` details and the targets' roles, plus their current mutes (`group_mutes`) or the block list
   * (`group_blocks`), a `share_file`'s name and size, the acting Lanying user
   * (`lanying_user`), plus the device (`lanying_device`) or push tags (`lanying_tags`) acted on, the users of a
   * `list` (`lanying_users`); `none` where the documentation has no read for the thing acted on.
   */
  preimage?: Preimage;
  /**
   * for destructive tools: the refusals the pre-image decides before a token is issued (guards/preflight.ts); `[]`
   * where nothing is read. For the `group*` kinds, the users acted on are the targets other than `group_id`.
   */
  preflight?: readonly PreflightRule[];
  /** for changes that last a given time: which property says how long (shown in words and as an end time) */
  duration?: Duration;
  /** a read tool an agent can use to check the outcome (named in "may have been applied" messages) */
  checkWith?: string;
  /** documentation ambiguities and how they were decided, kept beside the entry */
  notes?: string;
  /**
   * Escape hatch for the few operations the mapping rules cannot express (multipart upload, binary download).
   * Counted by a test: adding one is a reviewed change.
   */
  run?(args: z.output<S>, ctx: RunContext): Promise<ToolOutput>;
}

/** What every entry of one resource file shares: its vendor, toolset and request headers. */
interface EntryDefaults {
  vendor: Vendor;
  toolset: string;
  /** sent by every entry of the file unless an entry declares its own `http.headers` */
  headers?: Readonly<Record<string, string>>;
}

/** An entry as a resource file writes it: vendor and toolset come from the file's defaults. */
type Entry<S extends z.ZodObject> = Omit<ToolSpec<S>, 'vendor' | 'toolset'>;

/**
 * The entry helper of one resource file: `const tool = defineTools({vendor, toolset, headers})`, then
 * `export const x = tool({...})`. Keeps each entry's argument types tied to its schema.
 */
export function defineTools(defaults: EntryDefaults) {
  return <S extends z.ZodObject>(entry: Entry<S>): ToolSpec<S> => ({
    ...entry,
    vendor: defaults.vendor,
    toolset: defaults.toolset,
    http: defaults.headers && !entry.http.headers ? { ...entry.http, headers: defaults.headers } : entry.http,
  });
}

/** Read-only or idempotent: the HTTP layer may retry it after sending, and a failure can be retried as is. */
export const safeToRepeat = (spec: Pick<ToolSpec, 'annotations'>): boolean =>
  spec.annotations.readOnlyHint || spec.annotations.idempotentHint;

export const READ: Annotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};
/** Changes a setting to a given value: repeating it leaves the same state. */
export const SET: Annotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};
/** Creates or appends something: repeating it makes a second one or fails. Sent once, never retried. */
export const CREATE: Annotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
};
/** Destructive (contract §3) and safe to repeat: the second call finds the same end state. */
export const DESTROY_IDEMPOTENT: Annotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: true,
};
/** Destructive and not safe to repeat (the repeat fails or acts again). */
export const DESTROY: Annotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
};
