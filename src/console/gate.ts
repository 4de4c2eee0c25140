/**
 * The confirmation step of IM_ADMIN_CONFIRM=console, behind one narrow interface for the write pipeline
 * (`ApprovalGate.decide`): a destructive call becomes a pending approval on the console, waits for a person's
 * decision up to IM_ADMIN_APPROVAL_WAIT_SECONDS (with progress notifications), and otherwise returns
 * `approval_pending`. No token ever reaches the agent: the action runs when a person approves it, on the replica
 * whose console got the click (`approve` → the runner re-enters the write pipeline with `approved`), exactly once
 * (the queue's claim), and its result waits in the queue until collected with `approval_id` or expired.
 */

import type { Preview } from '../execute/outcome.js';
import { type CallResult, errorResult, markPreview } from '../execute/render.js';
import type { AuditLine, AuditLog } from '../guards/audit.js';
import { argumentHash } from '../guards/confirm-token.js';
import { log } from '../log.js';
import {
  type ApprovalQueue,
  type ApprovalRecord,
  type ApproveOutcome,
  type DenyOutcome,
  isExpired,
  type Requester,
} from '../state/approvals.js';

/** What the write pipeline passes at its confirmation step. */
interface GateRequest {
  tool: string;
  vendor: string;
  /** the call's arguments as received (coerced), control arguments included */
  args: Record<string, unknown>;
  /** the person's paragraph (guards/describe.ts) */
  summary: string;
  /** the structured preview (what the agent is shown) */
  preview: Preview;
  /** the audit line built so far (targets, redacted args, pre-image, request) */
  line: AuditLine;
}

/** The parts of a call's context the gate reads. */
export interface GateContext {
  signal: AbortSignal;
  progress?: (done: number, total: number, message: string) => Promise<void> | void;
  requester?: Requester;
  /** set only by the gate's own runner: this call executes approval `id` */
  approved?: { id: string };
}

/** What the gate answers the agent, and, when it refuses, why (the write pipeline audits the refusal). */
interface GateAnswer {
  result: CallResult;
  refusal?: { code: string; message: string };
}

type GateDecision =
  | { proceed: true; approvalId: string; approvedBy: string[]; requester: Requester }
  | ({ proceed: false } & GateAnswer);

/** Runs an approved call through the write pipeline (App.call with `approved`). */
type ApprovalRunner = (rec: ApprovalRecord, approved: { id: string }) => Promise<CallResult>;

interface GateOptions {
  /** how long a call waits for the decision, ms (IM_ADMIN_APPROVAL_WAIT_SECONDS) */
  waitMs: number;
  /** tools that need two different approvers (IM_ADMIN_CONSOLE_TWO_PERSON_TOOLS) */
  twoPerson: ReadonlySet<string>;
  audit?: AuditLog;
  now?: () => number;
  /** told about each new pending approval (the webhook); never awaited by the call */
  notify?: (rec: ApprovalRecord, link: string | undefined) => void;
}

/** How often a waiting call sends a progress notification. */
const PROGRESS_EVERY_MS = 5_000;

/** Arguments that steer the confirmation, never part of the action. */
const GATE_CONTROLS = new Set(['confirmation_token', 'approval_id']);
const actionArgs = (args: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(args).filter(([k, v]) => !GATE_CONTROLS.has(k) && v !== undefined));

export class ApprovalGate {
  private runner?: ApprovalRunner;
  private readonly now: () => number;
  /** the console's external base URL (IM_ADMIN_CONSOLE_BASE_URL, else where it listens), for links */
  publicBase?: string;

  constructor(
    readonly queue: ApprovalQueue,
    private readonly opts: GateOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  setRunner(runner: ApprovalRunner): void {
    this.runner = runner;
  }

  /** The console page of one approval (undefined until the console listens). */
  link(id?: string): string | undefined {
    if (!this.publicBase) return undefined;
    return id ? `${this.publicBase}/console/approvals/${encodeURIComponent(id)}` : `${this.publicBase}/console/`;
  }

  async decide(req: GateRequest, ctx: GateContext): Promise<GateDecision> {
    const args = actionArgs(req.args);
    const hash = argumentHash(args);
    if (ctx.approved) {
      const rec = await this.queue.get(ctx.approved.id);
      if (rec && rec.status === 'approved' && rec.tool === req.tool && rec.argsHash === hash) {
        return {
          proceed: true,
          approvalId: rec.id,
          approvedBy: rec.approvals.map((a) => a.name),
          requester: rec.requester,
        };
      }
      return { proceed: false, ...refused('the approved call does not match its approval', 'approval_mismatch') };
    }
    if (typeof req.args.confirmation_token === 'string' && req.args.confirmation_token) {
      return {
        proceed: false,
        ...refused(
          'this server takes no confirmation tokens (IM_ADMIN_CONFIRM=console): a person approves destructive calls on the approval console. Call again without confirmation_token',
          'token_not_accepted',
        ),
      };
    }
    const given = req.args.approval_id;
    let rec: ApprovalRecord | undefined;
    if (typeof given === 'string' && given) {
      rec = await this.queue.get(given);
      if (!rec) {
        return {
          proceed: false,
          ...refused(
            `no approval ${given} is known (unknown, or expired and forgotten). Call ${req.tool} again without approval_id to ask for a new one`,
            'approval_unknown',
          ),
        };
      }
      if (rec.tool !== req.tool || rec.argsHash !== hash) {
        return {
          proceed: false,
          ...refused(
            `the approval_id was issued for ${rec.tool === req.tool ? 'other arguments' : rec.tool}; call with exactly the arguments of the approved call`,
            'approval_mismatch',
          ),
        };
      }
    } else {
      rec = await this.queue.findPending(req.tool, hash);
      if (!rec) {
        // A flood of requests would bury the one that matters (and the moderators' channel): bounded per requester
        // and in all.
        const waiting = await this.queue.pending();
        const who = JSON.stringify(ctx.requester ?? {});
        const theirs = waiting.filter((r) => JSON.stringify(r.requester) === who).length;
        if (theirs >= MAX_PENDING_PER_REQUESTER || waiting.length >= MAX_PENDING) {
          return {
            proceed: false,
            ...refused(
              `${theirs >= MAX_PENDING_PER_REQUESTER ? `${theirs} approvals asked for by this client` : `${waiting.length} approvals`} already wait for a decision; wait until the moderators have decided some (or they expire) before asking for more`,
              'approval_queue_full',
            ),
          };
        }
        rec = await this.queue.submit({
          tool: req.tool,
          vendor: req.vendor,
          args,
          argsHash: hash,
          summary: req.summary,
          targets: req.line.targets,
          shownArgs: req.line.args,
          preview: { ...req.preview },
          ...(req.line.reason ? { reason: req.line.reason } : {}),
          requester: ctx.requester ?? {},
          needed: this.opts.twoPerson.has(req.tool) ? 2 : 1,
          audit: { ...req.line },
        });
        log('info', 'approval pending', { approval_id: rec.id, tool: rec.tool });
        try {
          this.opts.notify?.(rec, this.link(rec.id));
        } catch {
          // notification never blocks nor fails the call
        }
      }
    }
    return { proceed: false, ...(await this.waitAndRender(rec, req, ctx)) };
  }

  private async waitAndRender(rec: ApprovalRecord, req: GateRequest, ctx: GateContext): Promise<GateAnswer> {
    const started = this.now();
    const until = started + this.opts.waitMs;
    let lastProgress = started;
    const total = Math.ceil(this.opts.waitMs / 1000);
    const seen =
      (await this.queue.wait(rec.id, until, ctx.signal, async () => {
        const t = this.now();
        if (ctx.progress && t - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = t;
          const waited = Math.floor((t - started) / 1000);
          await ctx.progress(waited, total, `${req.tool}: waiting for a person's approval on the console`);
        }
      })) ?? rec;
    const now = this.now();
    if (isExpired(seen, now)) {
      return refused(
        `the approval expired at ${new Date(seen.expiresAt).toISOString()} before anyone decided; nothing was sent. Call ${req.tool} again without approval_id to ask again`,
        'approval_expired',
      );
    }
    if (seen.status === 'denied') {
      const note = seen.denial?.note;
      return {
        result: {
          content: [
            {
              type: 'text',
              text: `Denied on the approval console by ${seen.denial?.name ?? 'a person'}${note ? `: "${note}"` : ''}. Nothing was sent to ${seen.vendor}.`,
            },
          ],
          structuredContent: {
            approval_denied: true,
            approval_id: seen.id,
            denied_by: seen.denial?.name,
            ...(note ? { note } : {}),
          },
        },
      };
    }
    if (seen.status === 'done') {
      const taken = await this.queue.collect(seen.id);
      if (taken.collected && taken.record?.result) {
        const result = taken.record.result as CallResult;
        const by = taken.record.approvals.map((a) => a.name).join(' and ');
        return {
          result: {
            ...result,
            content: [{ type: 'text', text: `Approved on the approval console by ${by}.` }, ...result.content],
          },
        };
      }
    }
    if (seen.status === 'collected' || seen.status === 'done') {
      return refused('the outcome of this approval was already collected', 'approval_collected');
    }
    const link = this.link(seen.id);
    const expiresAt = new Date(seen.expiresAt).toISOString();
    const missing = seen.needed - seen.approvals.length;
    return {
      result: {
        content: [
          {
            type: 'text',
            text: `Waiting for a person's approval on the approval console: nothing was changed yet.\n${seen.summary}\n${
              seen.status === 'approved'
                ? 'It was approved and is running.'
                : `${missing} approval${missing === 1 ? '' : 's'} still needed.`
            } Tell the user it waits for approval${link ? ` at ${link}` : ''}; to learn the outcome, call ${req.tool} again with the same arguments plus "approval_id": "${seen.id}" (the approval expires at ${expiresAt}).`,
          },
        ],
        structuredContent: markPreview(
          {
            approval_pending: true,
            approval_id: seen.id,
            expires_at: expiresAt,
            ...(link ? { console_url: link } : {}),
            preview: req.preview,
          },
          req.preview,
          req.vendor,
        ),
      },
    };
  }

  /** A person approves on the console; when this approval completes the set, the action runs here, once. */
  async approve(id: string, name: string, note?: string): Promise<{ outcome: ApproveOutcome; result?: CallResult }> {
    const outcome = await this.queue.approve(id, name, note);
    if (!outcome.ok || !outcome.run) return { outcome };
    const rec = outcome.record;
    log('info', 'approval approved', {
      approval_id: id,
      tool: rec.tool,
      approved_by: rec.approvals.map((a) => a.name),
    });
    let result: CallResult;
    try {
      if (!this.runner) throw new Error('no runner');
      result = await this.runner(rec, { id });
    } catch (err) {
      result = errorResult(`The approved call failed to run: ${err instanceof Error ? err.message : String(err)}.`);
    }
    await this.queue.complete(id, result);
    return { outcome, result };
  }

  /** A person denies: nothing is sent; the denial is audited with its note. */
  async deny(id: string, name: string, note?: string): Promise<DenyOutcome> {
    const outcome = await this.queue.deny(id, name, note);
    if (!outcome.ok) return outcome;
    const rec = outcome.record;
    log('info', 'approval denied', { approval_id: id, tool: rec.tool, denied_by: name });
    const base = (rec.audit ?? {}) as Partial<AuditLine>;
    await this.opts.audit
      ?.append({
        tool: rec.tool,
        vendor: rec.vendor,
        targets: rec.targets,
        args: rec.shownArgs,
        ...base,
        time: new Date(this.now()).toISOString(),
        outcome: 'declined',
        confirmed: 'console',
        approval_id: rec.id,
        requested_by: rec.requester,
        denied_by: name,
        ...(note ? { note } : {}),
        duration_ms: this.now() - rec.createdAt,
      })
      .catch((err: unknown) => log('error', 'audit line of a denial not written', { error: String(err) }));
    return outcome;
  }
}

/** Most approvals waiting at once from one requester (client and session), and in all. */
const MAX_PENDING_PER_REQUESTER = 20;
const MAX_PENDING = 200;

function refused(reason: string, code: string): GateAnswer {
  return {
    result: errorResult(`Not executed: ${reason}.`, { error: { kind: 'confirmation_refused', reason, code } }),
    refusal: { code, message: reason },
  };
}
