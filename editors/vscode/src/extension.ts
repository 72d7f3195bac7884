// The nblint extension: starts `nblint lsp` on stdio for plain text, Markdown and
// HTML documents and keeps it told about the `nblint.*` settings.

import * as vscode from 'vscode';
import {
    DidChangeConfigurationNotification,
    LanguageClient,
    LanguageClientOptions,
    ServerOptions,
    TransportKind,
} from 'vscode-languageclient/node';
import {
    DOCUMENT_SELECTOR,
    SECTION,
    Settings,
    configurationChanged,
    configurationItem,
    needsRestart,
    readSettings,
    serverCommand,
    serverSettings,
    startFailureMessage,
} from './config';

let client: LanguageClient | undefined;
let current: Settings | undefined;
let output: vscode.OutputChannel | undefined;

function workspaceFolder(): string | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
}

function loadSettings(): Settings {
    const config = vscode.workspace.getConfiguration(SECTION);
    const { settings, problems } = readSettings((key) => config.get(key));
    for (const problem of problems) {
        output?.appendLine(problem);
        void vscode.window.showWarningMessage(problem);
    }
    return settings;
}

async function startClient(): Promise<void> {
    const settings = loadSettings();
    current = settings;
    const cmd = serverCommand(settings, { workspaceFolder: workspaceFolder() });
    const serverOptions: ServerOptions = {
        command: cmd.command,
        args: cmd.args,
        transport: TransportKind.stdio,
        options: cmd.options,
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: DOCUMENT_SELECTOR,
        outputChannel: output,
        traceOutputChannel: output,
        initializationOptions: serverSettings(settings),
        middleware: {
            workspace: {
                // Answer the server's pull for `nblint`, `nblint.lang`, `nblint.rules` with the
                // validated settings, the same values as the pushed configuration.
                configuration: async (params, token, next) => {
                    const result = await next(params, token);
                    if (!Array.isArray(result) || current === undefined) {
                        return result;
                    }
                    const settingsNow = current;
                    return params.items.map((item, i) => {
                        const own = configurationItem(item.section, settingsNow);
                        return own !== undefined ? own : result[i];
                    });
                },
            },
        },
    };
    // The id `nblint` makes the client follow `nblint.trace.server`.
    const c = new LanguageClient(SECTION, 'nblint', serverOptions, clientOptions);
    client = c;
    try {
        await c.start();
    } catch (err) {
        client = undefined;
        const message = startFailureMessage(err, cmd.command);
        output?.appendLine(message);
        void vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output').then((choice) => {
            if (choice === 'Open Settings') {
                void vscode.commands.executeCommand('workbench.action.openSettings', 'nblint.serverPath');
            } else if (choice === 'Show Output') {
                output?.show(true);
            }
        });
        return;
    }
    await c.sendNotification(DidChangeConfigurationNotification.type, { settings: serverSettings(settings) });
}

async function stopClient(): Promise<void> {
    const c = client;
    client = undefined;
    if (c !== undefined) {
        try {
            await c.stop();
        } catch (err) {
            output?.appendLine(`nblint: stopping the server failed: ${String(err)}`);
        }
    }
}

async function restart(): Promise<void> {
    await stopClient();
    await startClient();
}

async function onConfigurationChanged(e: vscode.ConfigurationChangeEvent): Promise<void> {
    if (!e.affectsConfiguration(SECTION)) {
        return;
    }
    const before = current;
    const after = loadSettings();
    if (before === undefined || client === undefined || needsRestart(before, after)) {
        await restart();
        return;
    }
    current = after;
    if (configurationChanged(before, after)) {
        await client.sendNotification(DidChangeConfigurationNotification.type, { settings: serverSettings(after) });
    }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    output = vscode.window.createOutputChannel('nblint');
    context.subscriptions.push(
        output,
        vscode.commands.registerCommand('nblint.restartServer', restart),
        vscode.commands.registerCommand('nblint.showOutput', () => output?.show(true)),
        vscode.workspace.onDidChangeConfiguration((e) => void onConfigurationChanged(e)),
    );
    await startClient();
}

export async function deactivate(): Promise<void> {
    await stopClient();
}
