// n8n-core writes instance settings into N8N_USER_FOLDER on first use: give every test worker its own.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.N8N_USER_FOLDER_FIXED) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-apiconn-test-'));
}
