# List the tools (and lint their schemas) from the command line:
npx -y @modelcontextprotocol/inspector@2.12.0 --cli node /path/to/im-admin-mcp/dist/bundle/cli.js --method tools/list --strict

# Call one tool:
npx -y @modelcontextprotocol/inspector@2.12.0 --cli node /path/to/im-admin-mcp/dist/bundle/cli.js --method tools/call --tool-name easemob_list_muted_members --tool-args-json '{"group_id":"100000000000001"}'

# The web UI:
npx -y @modelcontextprotocol/inspector@2.12.0 node /path/to/im-admin-mcp/dist/bundle/cli.js
