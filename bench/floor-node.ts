/**
 * The floor for a node that sends one item at a time: a bare loop over n8n-core's `httpRequest` helper,
 * with nothing of ours in between. The overhead table prints it beside ours so a gap can be split into
 * "sequential vs all-at-once" and "our engine's own cost".
 */
import type {
	IExecuteFunctions,
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

export const FLOOR_TYPE = 'n8n-nodes-bench.sequentialGet';

export class SequentialGet implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sequential GET',
		name: FLOOR_TYPE,
		group: ['transform'],
		version: 1,
		description: 'GETs a URL once per item, one after the other, through n8n-core',
		defaults: { name: 'Sequential GET' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			const url = this.getNodeParameter('url', i) as string;
			const body = (await this.helpers.httpRequest({
				method: 'GET',
				url,
				json: true,
			})) as IDataObject;
			out.push({ json: body, pairedItem: { item: i } });
		}
		return [out];
	}
}
