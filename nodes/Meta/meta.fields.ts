/**
 * Node fields Facebook Pages and Instagram share (apart from meta.ts, which credentials load: it stays facts only).
 */
import { binaryFieldParam } from '../../lib/spec/params';
import type { ParamSpec } from '../../lib/spec/types';

/** The upload operations' "Input Binary Field": which binary property of the item holds the file (read by the hooks). */
export const mediaFieldParam = (holds: string): ParamSpec =>
	binaryFieldParam(`Name of the binary property of the input item that holds ${holds}`);
