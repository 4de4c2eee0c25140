/**
 * Caps an operator sets once: a maximum mute duration, a maximum number of targets per destructive call, and a
 * maximum number of destructive actions per time window (protected targets: protect.ts). All are checked before
 * anything is sent; a refusal names the limit and the setting that controls it.
 */
import type { ToolSpec } from '../tools/define.js';
import { targetsOf } from './targets.js';

export interface Limits {
  /** largest mute_duration in milliseconds; -1 in the setting means no cap (permanent mutes allowed) */
  maxMuteMs: number;
  maxTargets: number;
  maxDestructive: number;
  windowMs: number;
}

/** How many things one call acts on: the longest declared target list (a single id counts 1). */
export function targetCount(spec: ToolSpec, args: Record<string, unknown>): number {
  return Math.max(1, ...targetsOf(spec, args).map((t) => t.values.length));
}

/** A refusal message, or undefined when a destructive call is within every cap. */
export function checkLimits(spec: ToolSpec, args: Record<string, unknown>, limits: Limits): string | undefined {
  const n = targetCount(spec, args);
  if (n > limits.maxTargets) {
    return `Refused: ${n} targets exceed the cap of ${limits.maxTargets} per destructive call (IM_ADMIN_MAX_TARGETS). Split the list or ask the operator to raise the cap.`;
  }
  // the entry declares which argument says how long the change lasts (tools/define.ts `duration`)
  const d = spec.duration ? args[spec.duration.prop] : undefined;
  const permanent = spec.duration?.permanent;
  if (typeof d === 'number' && limits.maxMuteMs !== -1 && (d === permanent || d > limits.maxMuteMs)) {
    const what = d === permanent ? `A permanent mute (${d})` : `A mute of ${d} ms`;
    return `Refused: ${what} exceeds the maximum mute duration of ${limits.maxMuteMs} ms (IM_ADMIN_MAX_MUTE_MS). Use a shorter ${spec.duration?.prop}.`;
  }
  return undefined;
}

/** Destructive actions per sliding window. In memory by default; a shared store lets replicas share the budget. */
export interface WindowStore {
  /**
   * Records one action at `now` unless `max` were already recorded within `windowMs`: the slot's id when recorded,
   * undefined when the window is full.
   */
  take(key: string, now: number, windowMs: number, max: number): Promise<string | undefined>;
  /** Gives a slot back (the call was refused after taking it, and nothing was sent). */
  release(key: string, slot: string): Promise<void>;
}

export class MemoryWindowStore implements WindowStore {
  private readonly events = new Map<string, { t: number; slot: string }[]>();
  private seq = 0;
  async take(key: string, now: number, windowMs: number, max: number): Promise<string | undefined> {
    const list = (this.events.get(key) ?? []).filter((e) => e.t > now - windowMs);
    this.events.set(key, list);
    if (list.length >= max) return undefined;
    const slot = `${now}:${++this.seq}`;
    list.push({ t: now, slot });
    return slot;
  }
  async release(key: string, slot: string): Promise<void> {
    const list = this.events.get(key);
    if (list)
      this.events.set(
        key,
        list.filter((e) => e.slot !== slot),
      );
  }
}
