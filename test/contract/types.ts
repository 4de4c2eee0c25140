import type { Reply } from '../helpers/fake-upstream.js';

/** One operation as a data case: the arguments, the exact request that must reach the vendor, and the exact result. */
export interface ContractCase {
  tool: string;
  /** label when a tool has several cases */
  label?: string;
  /** tool arguments; local paths are relative to the server's files folder (IM_ADMIN_FILES_DIR), emptied before each case */
  args: Record<string, unknown>;
  /** files created in the files folder before the call (name → UTF-8 content) */
  files?: Record<string, string>;
  /** what the fake vendor answers (default: the vendor's plain success envelope) */
  reply?: Reply;
  expect: {
    method: 'GET' | 'POST' | 'PUT' | 'DELETE';
    /** path as it arrives, relative to the vendor base, percent-encoded (Easemob starts with /org1/app1) */
    path: string;
    /** exact query parameters; omitted means no query string at all */
    query?: Record<string, string>;
    /** headers that must arrive with exactly these values (auth headers are checked for every case anyway) */
    headers?: Record<string, string>;
    /** headers that must not arrive (e.g. no acting-as header when none was given) */
    absentHeaders?: string[];
    /** exact JSON body (parsed); `bodyText` checks the raw text instead (int64 exactness, raw-string bodies) */
    json?: unknown;
    bodyText?: string;
    /** multipart upload: one file field */
    multipart?: { field: string; filename: string; content: string };
  };
  /** exact structuredContent the agent gets */
  result: Record<string, unknown>;
  /** text content must include these snippets */
  textIncludes?: string[];
  /** after the call: files that must exist in the files folder with this content */
  writes?: Record<string, string>;
}
