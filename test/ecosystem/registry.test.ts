/**
 * server.json, the MCP registry entry: valid against the registry's published schema (a byte-exact copy in
 * test/fixtures/server.schema.json, pinned by its sha256, since tests never download), naming this package and
 * version, and listing exactly the environment variables the server reads, so the two cannot drift.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { variablesRead } from '../helpers/settings.js';
import { REPO } from './helpers.js';

const SCHEMA_URL = 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';
// sha256 of the published file at SCHEMA_URL; replacing the copy is a deliberate change of both
const SCHEMA_SHA256 = '3fba09590c99f61735d234822279f4223fab9e300c0a81e81c91ab62a4114de0';

const schemaBytes = readFileSync(join(REPO, 'test/fixtures/server.schema.json'));
const server = JSON.parse(readFileSync(join(REPO, 'server.json'), 'utf8')) as {
  $schema: string;
  name: string;
  description: string;
  version: string;
  packages: {
    registryType: string;
    identifier: string;
    version: string;
    transport: { type: string };
    environmentVariables: { name: string; description?: string; isSecret?: boolean; isRequired?: boolean }[];
  }[];
};
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  mcpName: string;
};

describe('server.json', () => {
  it('the schema copy is the published 2025-12-11 schema, byte for byte', () => {
    expect(createHash('sha256').update(schemaBytes).digest('hex')).toBe(SCHEMA_SHA256);
    expect(JSON.parse(schemaBytes.toString('utf8')).$id).toBe(SCHEMA_URL);
  });

  it('is valid against it', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    formats.default(ajv);
    const validate = ajv.compile(JSON.parse(schemaBytes.toString('utf8')));
    expect(validate(server), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(server.$schema).toBe(SCHEMA_URL);
  });

  it('names this package, its version and mcpName, over stdio', () => {
    expect(server.name).toBe(pkg.mcpName);
    expect(server.version).toBe(pkg.version);
    expect(server.packages).toHaveLength(1);
    expect(server.packages[0]).toMatchObject({
      registryType: 'npm',
      identifier: pkg.name,
      version: pkg.version,
      transport: { type: 'stdio' },
    });
  });

  it('lists exactly the variables the server reads (but the --http ones), each described; secrets marked', () => {
    const listed = server.packages[0]?.environmentVariables ?? [];
    const read = [...variablesRead()].filter((n) => !n.startsWith('IM_ADMIN_HTTP_'));
    expect(listed.map((v) => v.name).sort()).toEqual(read.sort());
    for (const v of listed) {
      expect(v.description, v.name).toBeTruthy();
      // nothing is required: with no credentials the server serves the built-in sandbox
      expect(v.isRequired ?? false, v.name).toBe(false);
    }
    const secret = listed.filter((v) => v.isSecret).map((v) => v.name);
    expect(secret.sort()).toEqual(
      [
        'EASEMOB_APP_TOKEN',
        'EASEMOB_CLIENT_SECRET',
        'IM_ADMIN_CONFIRM_SECRET',
        'IM_ADMIN_CONSOLE_APPROVERS',
        'IM_ADMIN_CONSOLE_WEBHOOK_URL',
        'IM_ADMIN_REDIS_URL',
        'LANYING_ACCESS_TOKEN',
      ].sort(),
    );
  });
});
