"use strict";
// Imported before n8n-core: n8n's logger reads its level once, and node errors a test provokes on purpose
// would otherwise print stack traces through n8n's error reporter. N8N_LOG_LEVEL=debug brings them back.
process.env.N8N_LOG_LEVEL ??= 'silent';
