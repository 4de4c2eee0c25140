/** Typed failures at the HTTP boundary. Rendered once, into trusted text, by the result renderer. */
import type { Vendor } from '../kinds.js';

/** The vendor answered with an error (Easemob: HTTP status + {error, error_description}; Lanying: code ≠ 200). */
export class VendorError extends Error {
  override readonly name = 'VendorError';
  constructor(
    readonly vendor: Vendor,
    /** HTTP status of the answer (Lanying business errors arrive with 200) */
    readonly status: number,
    /** the vendor's own error code: Easemob `error` (e.g. resource_not_found), Lanying `code` (e.g. 10000) */
    readonly code: string,
    /** the vendor's own message (`error_description` / `message`), already scrubbed of secrets */
    readonly vendorMessage: string,
    /** milliseconds the vendor asked us to wait (Retry-After), when it said */
    readonly retryAfterMs?: number,
  ) {
    super(`${vendor} ${status} ${code}: ${vendorMessage}`);
  }
}

/** The request did not complete. `maybeSent` is true when the vendor may have received and applied it. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(
    readonly vendor: Vendor,
    readonly kind: 'timeout' | 'connect' | 'reset' | 'cancelled' | 'too-large' | 'malformed',
    message: string,
    readonly maybeSent: boolean,
  ) {
    super(message);
  }
}

/** A refusal before anything was sent (bad input, over a limit, unsafe id). */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * A local path refused by the files folder's rules (guards/local-files.ts). `sentNothing`: refused before any
 * request went out (every check but the final write of a download).
 */
export class LocalFileRefusal extends InputError {
  constructor(
    message: string,
    readonly sentNothing = true,
  ) {
    super(message);
  }
}
