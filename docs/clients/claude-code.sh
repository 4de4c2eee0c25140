# The built-in sandbox (no credentials):
claude mcp add im-admin -- node /path/to/im-admin-mcp/dist/bundle/cli.js

# A real Easemob app, moderation tools only:
claude mcp add im-admin -e EASEMOB_BASE_URL=https://a1.easemob.com -e EASEMOB_ORG=your-org -e EASEMOB_APP=your-app -e EASEMOB_CLIENT_ID=your-client-id -e EASEMOB_CLIENT_SECRET=your-client-secret -e IM_ADMIN_TOOLSETS=moderation -- node /path/to/im-admin-mcp/dist/bundle/cli.js
