import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteConnectionStore } from '../../../lib/connections/sqlite-store';
it('x', async () => {
	const dir = require('node:fs').mkdtempSync('/tmp/x-');
	writeFileSync(join(dir, 'file'), 'x');
	const s = new SqliteConnectionStore(join(dir, 'file', 'api-connections.sqlite'));
	try { await s.getBinding('a','b'); } catch (e) { console.log(e, (e as any).fix); }
	try { mkdirSync(join(dir, 'file'), { recursive: true }); } catch (e) { console.log('raw', e); }
});
