// The extension's wiring, with `vscode` and `vscode-languageclient/node` replaced by
// recording fakes: what it starts, what it sends, when it restarts.

import { strict as assert } from 'assert';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Module = require('module');

type Listener = (e: { affectsConfiguration(section: string): boolean }) => unknown;

interface FakeClient {
    id: string;
    serverOptions: any;
    clientOptions: any;
    started: boolean;
    stopped: boolean;
    notifications: { method: string; params: any }[];
}

const state = {
    config: {} as Record<string, unknown>,
    workspaceFolders: [{ uri: { scheme: 'file', fsPath: '/ws' } }] as any[] | undefined,
    startError: undefined as unknown,
    clients: [] as FakeClient[],
    configListeners: [] as Listener[],
    commands: new Map<string, (...args: any[]) => any>(),
    errors: [] as string[],
    warnings: [] as string[],
};

const vscodeFake = {
    workspace: {
        getConfiguration(section: string) {
            assert.equal(section, 'nblint');
            return { get: (key: string) => state.config[key] };
        },
        get workspaceFolders() {
            return state.workspaceFolders;
        },
        onDidChangeConfiguration(listener: Listener) {
            state.configListeners.push(listener);
            return { dispose() {} };
        },
    },
    window: {
        createOutputChannel: () => ({ appendLine() {}, show() {}, dispose() {} }),
        showErrorMessage: (msg: string) => {
            state.errors.push(msg);
            return Promise.resolve(undefined);
        },
        showWarningMessage: (msg: string) => {
            state.warnings.push(msg);
            return Promise.resolve(undefined);
        },
    },
    commands: {
        registerCommand(id: string, fn: (...args: any[]) => any) {
            state.commands.set(id, fn);
            return { dispose() {} };
        },
        executeCommand: () => Promise.resolve(),
    },
};

class LanguageClient implements FakeClient {
    started = false;
    stopped = false;
    notifications: { method: string; params: any }[] = [];
    constructor(
        public id: string,
        _name: string,
        public serverOptions: any,
        public clientOptions: any,
    ) {
        state.clients.push(this);
    }
    async start() {
        if (state.startError !== undefined) {
            throw state.startError;
        }
        this.started = true;
    }
    async stop() {
        this.stopped = true;
    }
    async sendNotification(type: { method: string }, params: any) {
        this.notifications.push({ method: type.method, params });
    }
}

const clientFake = {
    LanguageClient,
    TransportKind: { stdio: 0, ipc: 1 },
    DidChangeConfigurationNotification: { type: { method: 'workspace/didChangeConfiguration' } },
};

const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const originalLoad = mod._load;
mod._load = function (request: string, ...rest: unknown[]) {
    if (request === 'vscode') {
        return vscodeFake;
    }
    if (request === 'vscode-languageclient/node') {
        return clientFake;
    }
    return originalLoad.call(this, request, ...rest);
};
// eslint-disable-next-line @typescript-eslint/no-var-requires
const extension = require('../extension') as typeof import('../extension');

const context = () => ({ subscriptions: [] as unknown[] }) as any;
const last = () => state.clients[state.clients.length - 1];

async function changeConfig(values: Record<string, unknown>) {
    state.config = values;
    for (const listener of state.configListeners) {
        await listener({ affectsConfiguration: (s: string) => s === 'nblint' || s.startsWith('nblint.') });
    }
    // let the listener's promise chain run
    await new Promise((r) => setImmediate(r));
}

describe('extension', () => {
    beforeEach(() => {
        state.config = {};
        state.workspaceFolders = [{ uri: { scheme: 'file', fsPath: '/ws' } }];
        state.startError = undefined;
        state.clients = [];
        state.configListeners = [];
        state.commands.clear();
        state.errors = [];
        state.warnings = [];
    });
    afterEach(async () => {
        await extension.deactivate();
    });

    it('starts `nblint lsp` on stdio and sends the configuration', async () => {
        state.config = { lang: 'en', rules: { 'arithmetic/percent': 'off' } };
        await extension.activate(context());
        assert.equal(state.clients.length, 1);
        const c = last();
        assert.equal(c.id, 'nblint');
        assert.ok(c.started);
        assert.deepEqual(c.serverOptions, {
            command: 'nblint',
            args: ['lsp'],
            transport: 0,
            options: { cwd: '/ws' },
        });
        assert.deepEqual(
            c.clientOptions.documentSelector.map((s: any) => s.language).sort(),
            ['html', 'html', 'markdown', 'markdown', 'plaintext', 'plaintext'],
        );
        const payload = { nblint: { lang: 'en', rules: { 'arithmetic/percent': 'off' } } };
        assert.deepEqual(c.clientOptions.initializationOptions, payload);
        assert.deepEqual(c.notifications, [{ method: 'workspace/didChangeConfiguration', params: { settings: payload } }]);
        assert.ok(state.commands.has('nblint.restartServer'));
        assert.ok(state.commands.has('nblint.showOutput'));
    });

    it('tells the running server about new rules and language', async () => {
        await extension.activate(context());
        const c = last();
        c.notifications = [];
        await changeConfig({ lang: 'en', rules: { duplicates: 'off' } });
        assert.equal(state.clients.length, 1, 'no restart');
        assert.deepEqual(c.notifications, [
            { method: 'workspace/didChangeConfiguration', params: { settings: { nblint: { lang: 'en', rules: { duplicates: 'off' } } } } },
        ]);
        // a client-only setting is not sent
        c.notifications = [];
        await changeConfig({ lang: 'en', rules: { duplicates: 'off' }, 'trace.server': 'verbose' });
        assert.deepEqual(c.notifications, []);
    });

    it('restarts the server for a new server path', async () => {
        await extension.activate(context());
        const first = last();
        await changeConfig({ serverPath: '${workspaceFolder}/target/debug/nblint' });
        assert.equal(state.clients.length, 2);
        assert.ok(first.stopped);
        assert.equal(last().serverOptions.command, '/ws/target/debug/nblint');
        assert.ok(last().started);
    });

    it('warns about an invalid setting and still starts', async () => {
        state.config = { lang: 'fr' };
        await extension.activate(context());
        assert.ok(last().started);
        assert.equal(state.warnings.length, 1);
        assert.match(state.warnings[0], /nblint\.lang/);
        assert.deepEqual(last().clientOptions.initializationOptions, { nblint: { rules: {} } });
    });

    it('says how to fix a missing executable', async () => {
        state.startError = Object.assign(new Error('spawn nblint ENOENT'), { code: 'ENOENT' });
        await extension.activate(context());
        assert.equal(state.errors.length, 1);
        assert.match(state.errors[0], /"nblint" was not found/);
        // the restart command tries again
        state.startError = undefined;
        await state.commands.get('nblint.restartServer')!();
        assert.ok(last().started);
    });

    it('answers the server’s workspace/configuration pull with the validated settings', async () => {
        state.config = { lang: 'EN', rules: { 'sections/title': 'Warning' }, serverPath: '/x' };
        await extension.activate(context());
        const pull = last().clientOptions.middleware.workspace.configuration;
        const next = async (params: any) => params.items.map((i: any) => `raw:${i.section}`);
        const result = await pull(
            { items: [{ section: 'nblint' }, { section: 'nblint.lang' }, { section: 'nblint.rules' }, { section: 'editor' }] },
            {},
            next,
        );
        assert.deepEqual(result, [
            { lang: 'en', rules: { 'sections/title': 'warning' } },
            'en',
            { 'sections/title': 'warning' },
            'raw:editor',
        ]);
    });

    it('starts without a workspace folder', async () => {
        state.workspaceFolders = undefined;
        await extension.activate(context());
        assert.deepEqual(last().serverOptions.options, undefined);
    });
});
