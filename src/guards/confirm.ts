/**
 * The confirmation guard for destructive tools (contract §4), behind one function so the mechanism can change
 * (SDK v2 turns server-pushed elicitation into `inputRequired` results) without touching callers.
 */
import type { ConfirmTokens, TokenVerdict } from './confirm-token.js';

export type ConfirmedVia = 'elicitation' | 'token' | 'off';

export interface ConfirmContext {
  mode: 'auto' | 'off';
  tokens: ConfirmTokens;
  /** present when the client declared elicitation; resolves to the person's answer */
  elicit?: (message: string) => Promise<'accept' | 'decline' | 'cancel'>;
}

export type ConfirmDecision =
  | { proceed: true; via: ConfirmedVia }
  | { proceed: false; kind: 'required'; token: string; expiresAt: string }
  | { proceed: false; kind: 'cancelled'; answer: 'decline' | 'cancel' }
  | { proceed: false; kind: 'refused'; reason: string };

const VERDICT_TEXT: Record<Exclude<TokenVerdict, 'ok'>, string> = {
  malformed: 'the confirmation_token is not one this server issued',
  mismatch: 'the confirmation_token was issued for another tool or other arguments',
  expired: 'the confirmation_token has expired',
  used: 'the confirmation_token was already used',
};

export async function confirmDestructive(
  ctx: ConfirmContext,
  tool: string,
  args: Record<string, unknown>,
  message: string,
): Promise<ConfirmDecision> {
  if (ctx.mode === 'off') return { proceed: true, via: 'off' };
  const given = args.confirmation_token;
  if (typeof given === 'string' && given.length > 0) {
    const verdict = await ctx.tokens.verify(given, tool, args);
    if (verdict === 'ok') return { proceed: true, via: 'token' };
    return { proceed: false, kind: 'refused', reason: VERDICT_TEXT[verdict] };
  }
  if (ctx.elicit) {
    let answer: 'accept' | 'decline' | 'cancel' | undefined;
    try {
      answer = await ctx.elicit(message);
    } catch {
      answer = undefined; // the client failed to ask: fall back to the token round-trip
    }
    if (answer === 'accept') return { proceed: true, via: 'elicitation' };
    if (answer) return { proceed: false, kind: 'cancelled', answer };
  }
  const { token, expiresAt } = ctx.tokens.mint(tool, args);
  return { proceed: false, kind: 'required', token, expiresAt: expiresAt.toISOString() };
}
