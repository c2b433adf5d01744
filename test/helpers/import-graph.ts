/**
 * The package's own import graph, read from the sources with the TypeScript parser. Only imports that
 * survive compilation count (`import type` and type-only names are erased), since only those load modules.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import * as ts from 'typescript';

export const ROOT = resolve(__dirname, '..', '..');

function tsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory()
			? tsFiles(path)
			: path.endsWith('.ts') && !path.endsWith('.d.ts')
				? [path]
				: [];
	});
}

/** Runtime imports of one file: project files as paths relative to ROOT, packages by name. */
export function runtimeImports(file: string): string[] {
	const source = ts.createSourceFile(
		file,
		readFileSync(file, 'utf8'),
		ts.ScriptTarget.ES2022,
		false,
	);
	const out: string[] = [];
	const add = (specifier: string) => out.push(resolveSpecifier(file, specifier));
	for (const statement of source.statements) {
		if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
			const clause = statement.importClause;
			if (clause?.isTypeOnly) continue;
			const bindings = clause?.namedBindings;
			const onlyTypes =
				clause &&
				!clause.name &&
				bindings &&
				ts.isNamedImports(bindings) &&
				bindings.elements.length > 0 &&
				bindings.elements.every((e) => e.isTypeOnly);
			if (!onlyTypes) add(statement.moduleSpecifier.text);
		} else if (
			ts.isExportDeclaration(statement) &&
			statement.moduleSpecifier &&
			ts.isStringLiteral(statement.moduleSpecifier)
		) {
			if (statement.isTypeOnly) continue;
			const clause = statement.exportClause;
			const onlyTypes =
				clause &&
				ts.isNamedExports(clause) &&
				clause.elements.length > 0 &&
				clause.elements.every((e) => e.isTypeOnly);
			if (!onlyTypes) add(statement.moduleSpecifier.text);
		} else if (
			ts.isImportEqualsDeclaration(statement) &&
			ts.isExternalModuleReference(statement.moduleReference)
		) {
			const expr = statement.moduleReference.expression;
			if (ts.isStringLiteral(expr)) add(expr.text);
		}
	}
	// require('x') and import('x') anywhere in the file load modules too.
	const visit = (node: ts.Node): void => {
		if (
			ts.isCallExpression(node) &&
			node.arguments.length === 1 &&
			ts.isStringLiteral(node.arguments[0])
		) {
			const callee = node.expression;
			if (
				(ts.isIdentifier(callee) && callee.text === 'require') ||
				callee.kind === ts.SyntaxKind.ImportKeyword
			)
				add(node.arguments[0].text);
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return out;
}

function resolveSpecifier(from: string, specifier: string): string {
	if (!specifier.startsWith('.')) return specifier;
	const base = resolve(dirname(from), specifier);
	for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return relative(ROOT, candidate);
	}
	return relative(ROOT, base);
}

export type Graph = Map<string, string[]>;

/** The graph of every .ts file under the given folders (relative to ROOT), plus index.ts. */
export function importGraph(folders: string[] = ['lib', 'nodes', 'credentials']): Graph {
	const graph: Graph = new Map();
	const files = [...folders.flatMap((f) => tsFiles(join(ROOT, f))), join(ROOT, 'index.ts')];
	for (const file of files) graph.set(relative(ROOT, file), runtimeImports(file));
	return graph;
}

/** Every cycle, one per strongly connected component (Tarjan), as the files of the component. */
export function cycles(graph: Graph): string[][] {
	let index = 0;
	const stack: string[] = [];
	const onStack = new Set<string>();
	const indexOf = new Map<string, number>();
	const low = new Map<string, number>();
	const found: string[][] = [];
	const strong = (v: string): void => {
		indexOf.set(v, index);
		low.set(v, index);
		index++;
		stack.push(v);
		onStack.add(v);
		for (const w of graph.get(v) ?? []) {
			if (!graph.has(w)) continue;
			if (!indexOf.has(w)) {
				strong(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
		}
		if (low.get(v) === indexOf.get(v)) {
			const component: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				onStack.delete(w);
				component.push(w);
			} while (w !== v);
			if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
		}
	};
	for (const v of graph.keys()) if (!indexOf.has(v)) strong(v);
	return found;
}

/** Everything loading `start` loads (project files and packages), `start` included. */
export function closure(graph: Graph, start: string): string[] {
	const seen = new Set<string>([start]);
	const queue = [start];
	while (queue.length) {
		for (const next of graph.get(queue.shift()!) ?? []) {
			if (seen.has(next)) continue;
			seen.add(next);
			if (graph.has(next)) queue.push(next);
		}
	}
	return [...seen].sort();
}
