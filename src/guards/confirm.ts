/**
 * The confirmation guard for destructive tools (contract §4), behind one function so the mechanism can change
 * (SDK v2 turns server-pushed elicitation into `inputRequired` results) without touching callers.
 *
 * Fail closed: a client that declared elicitation is always asked; when asking fails or times out the call is
 * refused, and no token is issued (an agent could send it straight back). A token goes only to clients that
 * cannot be asked. A presented token is checked here but spent by the caller, after every other check passed, so
 * a call refused for another reason keeps its token.
 */
import type { CheckedToken, ConfirmTokens, Mismatch } from './confirm-token.js';

export type ConfirmedVia = 'elicitation' | 'token' | 'console' | 'off';

export interface ConfirmContext {
  mode: 'auto' | 'console' | 'off';
  tokens: ConfirmTokens;
  /** present when the client declared elicitation; resolves to the person's answer, rejects when asking failed */
  elicit?: (message: string) => Promise<'accept' | 'decline' | 'cancel'>;
}

export type ConfirmDecision =
  | { proceed: true; via: ConfirmedVia; token?: CheckedToken }
  | { proceed: false; kind: 'required'; token: string; expiresAt: string }
  | { proceed: false; kind: 'cancelled'; answer: 'decline' | 'cancel' }
  | { proceed: false; kind: 'refused'; via: 'token' | 'elicitation'; code: string; reason: string };

function mismatchText(m: Mismatch, tool: string): string {
  if (m.tool) return `the confirmation_token was issued for ${m.tool}, not ${tool}`;
  if (m.args?.length) {
    return `the confirmation_token was issued for other values of ${m.args.join(', ')}; call with exactly the arguments of the confirmed call`;
  }
  return 'the confirmation_token was issued for another tool or other arguments';
}

export async function confirmDestructive(
  ctx: ConfirmContext,
  tool: string,
  args: Record<string, unknown>,
  message: string,
): Promise<ConfirmDecision> {
  if (ctx.mode === 'off') return { proceed: true, via: 'off' };
  const given = args.confirmation_token;
  if (typeof given === 'string' && given.length > 0) {
    const c = ctx.tokens.check(given, tool, args);
    if (c.verdict === 'ok') return { proceed: true, via: 'token', token: c };
    let reason: string;
    if (c.verdict === 'mismatch') reason = mismatchText(c, tool);
    else if (c.verdict === 'expired') reason = 'the confirmation_token has expired';
    else reason = 'the confirmation_token is not one this server issued';
    return { proceed: false, kind: 'refused', via: 'token', code: `token_${c.verdict}`, reason };
  }
  if (ctx.elicit) {
    let answer: 'accept' | 'decline' | 'cancel';
    try {
      answer = await ctx.elicit(message);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return {
        proceed: false,
        kind: 'refused',
        via: 'elicitation',
        code: 'elicitation_failed',
        reason: `the server could not ask the person to confirm (${why}), so nothing was done; ask them again, or have the operator check the client`,
      };
    }
    if (answer === 'accept') return { proceed: true, via: 'elicitation' };
    return { proceed: false, kind: 'cancelled', answer };
  }
  const { token, expiresAt } = ctx.tokens.mint(tool, args);
  return { proceed: false, kind: 'required', token, expiresAt: expiresAt.toISOString() };
}
