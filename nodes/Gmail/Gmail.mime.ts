/**
 * The RFC 2822 (RFC 5322) message Gmail's `messages.send` and `drafts.create` take as `raw` (base64url), and the
 * reading of a message's `payload` back into text, HTML, headers and attachments.
 *
 * Headers are written safely: a value holding CR or LF is refused with an error naming the field (header
 * injection: `Subject: hi\r\nBcc: victim@…`), non-ASCII text becomes RFC 2047 encoded-words (`=?UTF-8?B?…?=`),
 * display names are quoted or encoded, attachment file names use RFC 2231 (`filename*=UTF-8''…`). Bodies and
 * attachments are base64 in lines of 76 characters, so no line is too long and no byte is mangled.
 */
import { createHash } from 'node:crypto';

/** One attachment: its bytes, name and type. */
export interface MimeAttachment {
	fileName: string;
	mimeType: string;
	data: Buffer;
}

/** What the user gives for a message (display names and addresses as typed). */
export interface MimeMessage {
	from?: string;
	to?: string;
	cc?: string;
	bcc?: string;
	replyTo?: string;
	subject?: string;
	inReplyTo?: string;
	references?: string;
	text?: string;
	html?: string;
	attachments?: MimeAttachment[];
}

/** A header value the user gave would split the header (CR or LF in it): `field` names the node's field. */
export class HeaderInjectionError extends Error {
	constructor(readonly field: string) {
		super(
			`The ${field} holds a line break (CR or LF), which would start a new mail header: the message is not sent.`,
		);
		this.name = 'HeaderInjectionError';
	}
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

function refuseLineBreaks(field: string, value: string): void {
	if (/[\r\n]/.test(value)) throw new HeaderInjectionError(field);
}

/**
 * RFC 2047 encoded-words for non-ASCII text: `=?UTF-8?B?…?=` words of at most 75 characters (45 bytes of text
 * each, never splitting a character), separated by folding whitespace. ASCII text is returned as it is.
 */
export function encodeWords(text: string): string {
	if (ASCII_PRINTABLE.test(text)) return text;
	const words: string[] = [];
	let chunk = '';
	for (const ch of text) {
		if (Buffer.byteLength(chunk + ch) > 45) {
			words.push(chunk);
			chunk = '';
		}
		chunk += ch;
	}
	if (chunk) words.push(chunk);
	return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join('\r\n ');
}

/** Splits an address list at commas outside quotes and angle brackets. */
function splitAddresses(list: string): string[] {
	const out: string[] = [];
	let current = '';
	let quoted = false;
	let angle = false;
	for (const ch of list) {
		if (ch === '"') quoted = !quoted;
		else if (ch === '<' && !quoted) angle = true;
		else if (ch === '>' && !quoted) angle = false;
		if ((ch === ',' || ch === ';') && !quoted && !angle) {
			out.push(current);
			current = '';
		} else current += ch;
	}
	out.push(current);
	return out.map((a) => a.trim()).filter(Boolean);
}

/** `Name <a@b>` with the name quoted (ASCII with specials) or encoded (non-ASCII); a bare address as it is. */
function formatAddress(field: string, entry: string): string {
	const m = /^(.*?)\s*<([^<>]+)>$/.exec(entry);
	const address = (m ? m[2] : entry).trim();
	if (!/^[^\s@<>"]+@[^\s@<>"]+$/.test(address) || !ASCII_PRINTABLE.test(address))
		throw new Error(
			`The ${field} holds "${entry}", which is not an e-mail address (name@example.com or Name <name@example.com>).`,
		);
	const name = m ? m[1].trim().replace(/^"(.*)"$/, '$1') : '';
	if (!name) return address;
	if (!ASCII_PRINTABLE.test(name)) return `${encodeWords(name)} <${address}>`;
	return /[()<>[\]:;@\\,."]/.test(name)
		? `"${name.replace(/(["\\])/g, '\\$1')}" <${address}>`
		: `${name} <${address}>`;
}

/** An address header's value, each address checked and formatted. */
export function addressList(field: string, list: string): string {
	refuseLineBreaks(field, list);
	return splitAddresses(list)
		.map((a) => formatAddress(field, a))
		.join(', ');
}

/** Base64 in lines of 76 characters (RFC 2045 § 6.8). */
function base64Lines(data: Buffer): string {
	return (data.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

/** A MIME parameter value: quoted when ASCII, RFC 2231 `name*=UTF-8''…` when not. */
function parameter(name: string, value: string): string {
	if (ASCII_PRINTABLE.test(value)) return `${name}="${value.replace(/(["\\])/g, '\\$1')}"`;
	return `${name}*=UTF-8''${encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** A boundary derived from the content: the same message gives the same bytes, and never occurs in base64. */
function boundaryOf(kind: string, parts: Buffer[]): string {
	const hash = createHash('sha256');
	for (const p of parts) hash.update(p);
	return `=_${kind}_${hash.digest('hex').slice(0, 24)}`;
}

interface Part {
	headers: string[];
	body: Buffer;
}

function textPart(subtype: 'plain' | 'html', text: string): Part {
	return {
		headers: [`Content-Type: text/${subtype}; charset=UTF-8`, 'Content-Transfer-Encoding: base64'],
		body: Buffer.from(base64Lines(Buffer.from(text, 'utf8'))),
	};
}

function multipart(kind: 'alternative' | 'mixed', parts: Part[]): Part {
	const rendered = parts.map((p) =>
		Buffer.concat([Buffer.from(`${p.headers.join('\r\n')}\r\n\r\n`), p.body]),
	);
	const boundary = boundaryOf(kind, rendered);
	const chunks: Buffer[] = [];
	for (const r of rendered) chunks.push(Buffer.from(`--${boundary}\r\n`), r, Buffer.from('\r\n'));
	chunks.push(Buffer.from(`--${boundary}--`));
	return {
		headers: [`Content-Type: multipart/${kind}; boundary="${boundary}"`],
		body: Buffer.concat(chunks),
	};
}

/** The message's bytes: headers, then text and/or HTML (alternatives), then the attachments (mixed). */
export function buildMime(message: MimeMessage): Buffer {
	const headers: string[] = [];
	const address = (name: string, field: string, value: string | undefined) => {
		if (value && value.trim()) headers.push(`${name}: ${addressList(field, value)}`);
	};
	address('From', 'From field', message.from);
	address('To', 'To field', message.to);
	address('Cc', 'CC field', message.cc);
	address('Bcc', 'BCC field', message.bcc);
	address('Reply-To', 'Reply To field', message.replyTo);
	const subject = message.subject ?? '';
	refuseLineBreaks('Subject field', subject);
	headers.push(`Subject: ${encodeWords(subject)}`);
	for (const [name, field, value] of [
		['In-Reply-To', 'In-Reply-To field', message.inReplyTo],
		['References', 'References field', message.references],
	] as const) {
		if (!value) continue;
		refuseLineBreaks(field, value);
		if (!ASCII_PRINTABLE.test(value))
			throw new Error(`The ${field} holds characters a Message-ID cannot have (<id@host>).`);
		headers.push(`${name}: ${value}`);
	}
	headers.push('MIME-Version: 1.0');

	const texts: Part[] = [];
	if (message.text !== undefined && message.text !== '')
		texts.push(textPart('plain', message.text));
	if (message.html !== undefined && message.html !== '') texts.push(textPart('html', message.html));
	if (texts.length === 0) texts.push(textPart('plain', ''));
	const content = texts.length === 1 ? texts[0] : multipart('alternative', texts);
	const files = (message.attachments ?? []).map((a): Part => {
		refuseLineBreaks('attachment file name', a.fileName);
		refuseLineBreaks('attachment MIME type', a.mimeType);
		const type = /^[\w.+-]+\/[\w.+-]+$/.test(a.mimeType) ? a.mimeType : 'application/octet-stream';
		return {
			headers: [
				`Content-Type: ${type}; ${parameter('name', a.fileName)}`,
				`Content-Disposition: attachment; ${parameter('filename', a.fileName)}`,
				'Content-Transfer-Encoding: base64',
			],
			body: Buffer.from(base64Lines(a.data)),
		};
	});
	const root = files.length ? multipart('mixed', [content, ...files]) : content;
	return Buffer.concat([
		Buffer.from(`${[...headers, ...root.headers].join('\r\n')}\r\n\r\n`),
		root.body,
	]);
}

/** base64url without padding, as Gmail's `raw` takes it. */
export const base64url = (data: Buffer): string => data.toString('base64url');

// ---- Reading a message (format=full) --------------------------------------------------------------------

/** A part of a Gmail message's `payload` (https://developers.google.com/gmail/api/reference/rest/v1/users.messages#MessagePart). */
export interface MessagePart {
	partId?: string;
	mimeType?: string;
	filename?: string;
	headers?: Array<{ name: string; value: string }>;
	body?: { attachmentId?: string; size?: number; data?: string };
	parts?: MessagePart[];
}

/** An attachment as a message lists it: fetched with attachments.get by `attachmentId`, or inline `data`. */
export interface AttachmentRef {
	partId?: string;
	filename: string;
	mimeType: string;
	size: number;
	attachmentId?: string;
	/** base64url bytes when Gmail put them inline (small parts). */
	data?: string;
}

export interface ReadMessage {
	/** Header names in lower case → value (the first occurrence; a repeated header's values joined by ", "). */
	headers: Record<string, string>;
	text?: string;
	html?: string;
	attachments: AttachmentRef[];
}

function charsetOf(part: MessagePart): string {
	const type = part.headers?.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
	return /charset="?([^";\s]+)"?/i.exec(type)?.[1] ?? 'utf-8';
}

function decodeText(data: string, charset: string): string {
	const bytes = Buffer.from(data, 'base64url');
	try {
		return new TextDecoder(charset).decode(bytes);
	} catch {
		return bytes.toString('utf8');
	}
}

/** Text and HTML bodies (parts without a file name), attachments and headers of a `format=full` payload. */
export function readPayload(payload: MessagePart | undefined): ReadMessage {
	const headers: Record<string, string> = {};
	for (const h of payload?.headers ?? []) {
		const key = h.name.toLowerCase();
		headers[key] = headers[key] === undefined ? h.value : `${headers[key]}, ${h.value}`;
	}
	const out: ReadMessage = { headers, attachments: [] };
	const walk = (part: MessagePart) => {
		const type = (part.mimeType ?? '').toLowerCase();
		if (part.parts?.length) {
			for (const p of part.parts) walk(p);
			return;
		}
		if (part.filename) {
			out.attachments.push({
				...(part.partId !== undefined ? { partId: part.partId } : {}),
				filename: part.filename,
				mimeType: part.mimeType ?? 'application/octet-stream',
				size: part.body?.size ?? 0,
				...(part.body?.attachmentId ? { attachmentId: part.body.attachmentId } : {}),
				...(!part.body?.attachmentId && part.body?.data ? { data: part.body.data } : {}),
			});
			return;
		}
		const data = part.body?.data;
		if (data === undefined) return;
		if (type === 'text/plain') out.text = (out.text ?? '') + decodeText(data, charsetOf(part));
		else if (type === 'text/html') out.html = (out.html ?? '') + decodeText(data, charsetOf(part));
	};
	if (payload) walk(payload);
	return out;
}
