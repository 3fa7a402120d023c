// Imported first by a test file that runs n8n with its SSRF protection on: n8n reads its
// configuration from the environment once, when it first needs it.
process.env.N8N_SSRF_PROTECTION_ENABLED = 'true';
