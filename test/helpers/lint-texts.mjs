// Lints source texts under paths of the package with the package's eslint.config.mjs, the way n8n's scanner
// does (inline eslint-disable comments ignored). Reads [{ filePath, code }] as JSON on stdin, writes
// [{ filePath, messages: [{ ruleId, message, line }] }] on stdout. A child process, because ESLint loads its
// config with a dynamic import, which Jest's module system does not run.
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';

const input = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ allowInlineConfig: false });
const out = [];
for (const { filePath, code } of input) {
	const [result] = await eslint.lintText(code, { filePath, warnIgnored: true });
	out.push({
		filePath,
		messages: result.messages
			.filter((m) => m.severity === 2)
			.map(({ ruleId, message, line }) => ({ ruleId, message, line })),
	});
}
process.stdout.write(JSON.stringify(out));
