import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-tencent-chat-test-'));

import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	type ICredentialDataDecryptedObject,
	ICredentialsHelper,
	type IDataObject,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IWorkflowExecuteAdditionalData,
	LoggerProxy,
	Workflow,
} from 'n8n-workflow';

import { TencentChatApi } from '../../credentials/TencentChatApi.credentials';
import { TencentChat } from '../../nodes/TencentChat/TencentChat.node';
import { capture } from './capture';

const NODE_TYPE = 'n8n-nodes-tencent-chat.tencentChat';
const credentialType = new TencentChatApi();

const logTo =
	(level: string) =>
	(message: string, meta?: object): void =>
		capture(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
LoggerProxy.init({
	error: logTo('error'),
	warn: logTo('warn'),
	info: logTo('info'),
	debug: logTo('debug'),
} as unknown as Parameters<typeof LoggerProxy.init>[0]);

/** n8n's node type registry, holding the one node a test runs. */
export class SingleNodeType implements INodeTypes {
	constructor(private readonly node: INodeType) {}

	getByName(): INodeType {
		return this.node;
	}

	getByNameAndVersion(): INodeType {
		return this.node;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

class CredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_type: string,
		requestOptions: IHttpRequestOptions,
	) {
		return await credentialType.authenticate(credentials, requestOptions);
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not needed by these tests');
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties() {
		return credentialType.properties;
	}
}

export interface RunOptions {
	parameters: INodeParameters;
	/** The node's input, as JSON objects. */
	items: IDataObject[];
	/** The input as an earlier node gives it, in place of `items`: a benchmark makes it before it starts timing. */
	inputItems?: INodeExecutionData[];
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** Settings → On Error; `continueOnFail: true` is "Continue (regular output)". */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** Called with the running execution, e.g. to cancel it. */
	onStart?: (execution: { cancel: () => void }) => void;
	/** Another node to run in the Tencent Chat node's place, e.g. a baseline in a benchmark. */
	nodeType?: INodeType;
	/** Hand outputs and errors to the leak watch (the default); benchmarks turn it off. */
	watchForLeaks?: boolean;
	/** The execution's id, for nodes that make links to it (Send and Wait's resume URLs). */
	executionId?: string;
	/** Go on with an execution that waited (`run.data` of an earlier run), as n8n does when its wait ends. */
	resumeFrom?: IRunExecutionData;
}

export interface NodeRun {
	output: INodeExecutionData[];
	/** The error output's items, under "Continue (using error output)". */
	errorOutput: INodeExecutionData[];
	error?: { message: string; description?: string | null; name?: string; itemIndex?: number };
	run: IRun;
	/** What the node sent to the editor (sendMessageToUI, in a manual run: the browser's console). */
	uiMessages: unknown[];
}

/** The Tencent Chat node in a workflow, with its credential and Settings → On Error. */
function tencentChatNode(parameters: INodeParameters, onError?: RunOptions['onError']): INode {
	return {
		id: 'tencent-chat-node',
		name: 'Tencent Chat',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { tencentChatApi: { id: '1', name: 'Tencent Chat account' } },
		...(onError ? { onError } : {}),
	};
}

/** Runs the Tencent Chat node on `items` inside n8n-core's WorkflowExecute, as n8n does. */
export async function runNode({
	parameters,
	items,
	inputItems,
	credentials,
	continueOnFail,
	onError = continueOnFail ? 'continueRegularOutput' : undefined,
	onStart,
	nodeType = new TencentChat(),
	watchForLeaks = true,
	executionId,
	resumeFrom,
}: RunOptions): Promise<NodeRun> {
	const node = tencentChatNode(parameters, onError);
	const workflowData = {
		id: 'wf',
		name: 'Tencent Chat test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new SingleNodeType(nodeType),
		settings: {},
	};
	const workflow = new Workflow(workflowData);
	const hooks = new ExecutionLifecycleHooks('manual', 'execution-1', {
		...workflowData,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const uiMessages: unknown[] = [];
	const additionalData = {
		hooks,
		sendDataToUI: (type: string, data: { messages?: unknown[] }) => {
			if (type === 'sendConsoleMessage') uiMessages.push(...(data.messages ?? []));
		},
		credentialsHelper: new CredentialsHelper(credentials),
		restApiUrl: 'http://localhost',
		instanceBaseUrl: 'http://localhost',
		webhookBaseUrl: 'http://localhost',
		webhookWaitingBaseUrl: 'http://localhost',
		webhookTestBaseUrl: 'http://localhost',
		formWaitingBaseUrl: 'http://localhost',
		currentNodeExecutionIndex: 0,
		variables: {},
		...(executionId !== undefined ? { executionId } : {}),
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData =
		resumeFrom ??
		createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{ node, data: { main: [inputItems ?? items.map((json) => ({ json }))] }, source: null },
				],
			},
		});
	const execution = new WorkflowExecute(
		additionalData,
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	onStart?.({ cancel: () => execution.cancel() });
	const run = await execution;

	const task = run.data.resultData.runData[node.name]?.[0];
	const error = run.data.resultData.error ?? task?.error;
	const output = task?.data?.main?.[0] ?? [];
	const errorOutput = onError === 'continueErrorOutput' ? (task?.data?.main?.[1] ?? []) : [];
	if (watchForLeaks) capture(JSON.stringify([output, errorOutput]));
	if (error && watchForLeaks)
		capture(`${error.message}\n${error.description}\n${error.stack}\n${JSON.stringify(error)}`);
	const itemIndex = (error as { context?: { itemIndex?: number } } | undefined)?.context?.itemIndex;
	return {
		output,
		errorOutput,
		error: error
			? { message: error.message, description: error.description, name: error.name, itemIndex }
			: undefined,
		run,
		uiMessages,
	};
}

/** The context n8n gives a node's listSearch and loadOptions methods in the editor, for the node's parameters. */
export function loadOptionsContext(
	parameters: INodeParameters,
	credentials: ICredentialDataDecryptedObject,
	path = 'parameters.groupId',
): ILoadOptionsFunctions {
	const node = tencentChatNode(parameters);
	const workflow = new Workflow({
		id: 'wf',
		name: 'Tencent Chat test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new SingleNodeType(new TencentChat()),
		settings: {},
	});
	const additionalData = {
		credentialsHelper: new CredentialsHelper(credentials),
		currentNodeParameters: parameters,
		restApiUrl: 'http://localhost',
		instanceBaseUrl: 'http://localhost',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, path);
}
