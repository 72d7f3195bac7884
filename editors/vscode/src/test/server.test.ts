// The contract with the real server: `nblint lsp` started the way the extension
// starts it (serverCommand) and told what the extension tells it (serverSettings).
// Needs the nblint binary (NBLINT_BIN, else ../../target/debug/nblint) and a corpus
// report (NBLINT_CORPUS, else ../../../shared/corpus); skipped without them.

import { strict as assert } from 'assert';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import {
    createProtocolConnection,
    Diagnostic,
    ProtocolConnection,
    PublishDiagnosticsParams,
    StreamMessageReader,
    StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { DEFAULTS, Settings, serverCommand, serverSettings } from '../config';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const bin = process.env.NBLINT_BIN ?? path.join(root, 'target', 'debug', 'nblint');
const corpus = process.env.NBLINT_CORPUS ?? path.join(root, '..', 'shared', 'corpus');
const report = path.join(corpus, 'seeds', 'minhe-xian-2020-ocr.txt');
const missing = !fs.existsSync(bin)
    ? `no nblint binary at ${bin} (cargo build -p nblint, or set NBLINT_BIN)`
    : !fs.existsSync(report)
      ? `no corpus report at ${report} (set NBLINT_CORPUS)`
      : undefined;

describe('nblint lsp, started and configured as the extension does', { skip: missing }, () => {
    let dir: string;
    let child: cp.ChildProcess;
    let conn: ProtocolConnection;
    let uri: string;
    const published: PublishDiagnosticsParams[] = [];
    let stderr = '';

    async function nextDiagnostics(pred: (d: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
        const deadline = Date.now() + 30000;
        for (;;) {
            const last = [...published].reverse().find((p) => p.uri === uri);
            if (last && pred(last.diagnostics)) {
                return last.diagnostics;
            }
            if (Date.now() > deadline) {
                throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last?.diagnostics)}\n${stderr}`);
            }
            await new Promise((r) => setTimeout(r, 20));
        }
    }

    const configure = (settings: Settings) =>
        conn.sendNotification('workspace/didChangeConfiguration', { settings: serverSettings(settings) });

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nblint-vscode-'));
        const file = path.join(dir, 'report.txt');
        fs.copyFileSync(report, file);
        uri = 'file://' + file;
        const settings: Settings = { ...DEFAULTS, serverPath: bin };
        const cmd = serverCommand(settings, { workspaceFolder: dir });
        child = cp.spawn(cmd.command, cmd.args, { cwd: cmd.options?.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
        child.stderr!.on('data', (b) => (stderr += String(b)));
        conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
        conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => published.push(p));
        conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
            p.items.map(() => null),
        );
        conn.listen();
        const init = await conn.sendRequest('initialize', {
            processId: process.pid,
            rootUri: 'file://' + dir,
            workspaceFolders: [{ uri: 'file://' + dir, name: 'reports' }],
            capabilities: { general: { positionEncodings: ['utf-16'] } },
            initializationOptions: serverSettings(settings),
        });
        assert.ok((init as { capabilities?: unknown }).capabilities, 'initialize answers capabilities');
        await conn.sendNotification('initialized', {});
        await configure(settings);
        await conn.sendNotification('textDocument/didOpen', {
            textDocument: { uri, languageId: 'plaintext', version: 1, text: fs.readFileSync(file, 'utf8') },
        });
    });

    after(async () => {
        try {
            await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
            await conn.sendNotification('exit');
        } catch {
            // the process may be gone already
        }
        conn?.dispose();
        child?.kill();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it('publishes the diagnostics of a report in UTF-16 positions', async () => {
        const ds = await nextDiagnostics((d) => d.some((x) => x.code === 'arithmetic/plausibility'), 'diagnostics');
        const d = ds.find((x) => x.code === 'arithmetic/plausibility')!;
        // line 31 `规章\t3\t3\t0`: the second 3 is UTF-16 column 5 (nblint check: column 6)
        assert.deepEqual(d.range, { start: { line: 30, character: 5 }, end: { line: 30, character: 6 } });
        assert.equal(d.source, 'nblint');
        assert.match(d.message, /规章/);
    });

    it('takes nblint.lang from workspace/didChangeConfiguration', async () => {
        await configure({ ...DEFAULTS, lang: 'en' });
        const ds = await nextDiagnostics(
            (d) => d.some((x) => x.code === 'arithmetic/plausibility' && /exceeds/.test(x.message)),
            'English messages',
        );
        assert.ok(ds.length > 1);
    });

    it('takes nblint.rules from workspace/didChangeConfiguration', async () => {
        await configure({ ...DEFAULTS, lang: 'en', rules: { 'arithmetic/plausibility': 'off', 'sections/missing': 'info' } });
        const ds = await nextDiagnostics(
            (d) => !d.some((x) => x.code === 'arithmetic/plausibility') && d.some((x) => x.code === 'sections/missing' && x.severity === 3),
            'arithmetic/plausibility off and sections/missing as info',
        );
        assert.ok(ds.length > 0);
    });

    it('goes back to nblint.toml’s language for `auto`', async () => {
        await configure({ ...DEFAULTS });
        await nextDiagnostics(
            (d) => d.some((x) => x.code === 'arithmetic/plausibility' && /规章：本年新公开数量/.test(x.message)),
            'Chinese messages again',
        );
    });
});
