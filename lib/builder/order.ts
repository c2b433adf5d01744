/** n8n's node lint wants choices and collection fields in alphabetical order, the order users scan them in. */
export const byName = <T extends { name: string }>(items: readonly T[]): T[] =>
	[...items].sort((a, b) => a.name.localeCompare(b.name));

export const byDisplayName = <T extends { displayName: string }>(items: readonly T[]): T[] =>
	[...items].sort((a, b) => a.displayName.localeCompare(b.displayName));
