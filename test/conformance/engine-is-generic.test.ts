/** The engine in lib/ knows no service by name: services are specs (data) plus hooks in nodes/. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SERVICES = [
	'facebook',
	'instagram',
	'twitter',
	'linkedin',
	'tiktok',
	'pinterest',
	'google',
	'gmail',
	'microsoft',
	'outlook',
	'onedrive',
	'slack',
	'notion',
	'airtable',
	'shopify',
	'woocommerce',
	'stripe',
	'square',
	'mailchimp',
	'hubspot',
	'sendgrid',
	'activecampaign',
	'github',
	'gitlab',
	'jira',
	'atlassian',
	'trello',
];

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
	});
}

it('lib/ contains no service names', () => {
	const hits: string[] = [];
	const lib = join(__dirname, '..', '..', 'lib');
	for (const file of files(lib)) {
		readFileSync(file, 'utf8')
			.split('\n')
			.forEach((line, i) => {
				for (const s of SERVICES)
					if (new RegExp(`\\b${s}`, 'i').test(line))
						hits.push(`${file.slice(lib.length + 1)}:${i + 1}: ${s}`);
			});
	}
	expect(files(lib).length).toBeGreaterThan(20);
	expect(hits).toEqual([]);
});
