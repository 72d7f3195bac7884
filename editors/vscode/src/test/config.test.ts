import { strict as assert } from 'assert';
import { describe, it } from 'node:test';
import * as path from 'path';
import {
    DEFAULTS,
    DOCUMENT_SELECTOR,
    Settings,
    configurationChanged,
    configurationItem,
    needsRestart,
    readSettings,
    resolveServerPath,
    serverCommand,
    serverSettings,
    startFailureMessage,
} from '../config';

function getter(values: Record<string, unknown>) {
    return (key: string) => values[key];
}

describe('readSettings', () => {
    it('gives the defaults when nothing is set', () => {
        const { settings, problems } = readSettings(getter({}));
        assert.deepEqual(settings, DEFAULTS);
        assert.deepEqual(problems, []);
    });

    it('reads every setting', () => {
        const { settings, problems } = readSettings(
            getter({
                serverPath: ' /opt/nblint/bin/nblint ',
                lang: 'en',
                rules: { 'arithmetic/percent': 'off', 'sections/title': 'warning', duplicates: 'INFO' },
                'trace.server': 'verbose',
            }),
        );
        assert.deepEqual(problems, []);
        assert.deepEqual(settings, {
            serverPath: '/opt/nblint/bin/nblint',
            lang: 'en',
            rules: { 'arithmetic/percent': 'off', 'sections/title': 'warning', duplicates: 'info' },
            trace: 'verbose',
        });
    });

    it('replaces invalid values by defaults and says so', () => {
        const { settings, problems } = readSettings(
            getter({ serverPath: 42, lang: 'fr', rules: ['x'], 'trace.server': 'loud' }),
        );
        assert.deepEqual(settings, DEFAULTS);
        assert.equal(problems.length, 4);
        assert.match(problems[0], /serverPath/);
        assert.match(problems[1], /"auto", "zh" or "en", not "fr"/);
        assert.match(problems[2], /nblint\.rules must be an object/);
        assert.match(problems[3], /trace\.server/);
    });

    it('drops only the invalid rules', () => {
        const { settings, problems } = readSettings(
            getter({ rules: { 'arithmetic/balance': 'error', 'sections/missing': 'fatal', '': 'off', x: 3 } }),
        );
        assert.deepEqual(settings.rules, { 'arithmetic/balance': 'error' });
        assert.equal(problems.length, 3);
        assert.ok(problems.some((p) => p.includes('"sections/missing"') && p.includes('"fatal"')));
        assert.ok(problems.some((p) => p.includes('empty rule id')));
    });

    it('treats an empty server path as the default', () => {
        assert.equal(readSettings(getter({ serverPath: '   ' })).settings.serverPath, 'nblint');
        assert.deepEqual(readSettings(getter({ serverPath: '' })).problems, []);
    });
});

describe('resolveServerPath', () => {
    const ctx = { home: '/home/u', workspaceFolder: '/ws' };

    it('leaves a bare name to PATH', () => {
        assert.equal(resolveServerPath('nblint', ctx), 'nblint');
    });

    it('expands ~ and ${workspaceFolder}', () => {
        assert.equal(resolveServerPath('~/.cargo/bin/nblint', ctx), path.join('/home/u', '.cargo/bin/nblint'));
        assert.equal(resolveServerPath('${workspaceFolder}/target/debug/nblint', ctx), '/ws/target/debug/nblint');
    });

    it('takes a relative path from the workspace folder', () => {
        assert.equal(resolveServerPath('./target/release/nblint', ctx), path.join('/ws', 'target/release/nblint'));
        assert.equal(resolveServerPath('target/release/nblint', ctx), path.join('/ws', 'target/release/nblint'));
    });

    it('keeps an absolute path and a relative one without a workspace', () => {
        assert.equal(resolveServerPath('/usr/local/bin/nblint', ctx), '/usr/local/bin/nblint');
        assert.equal(resolveServerPath('bin/nblint', { home: '/h' }), 'bin/nblint');
    });
});

describe('serverCommand', () => {
    it('starts `nblint lsp` in the workspace folder', () => {
        const settings: Settings = { ...DEFAULTS };
        assert.deepEqual(serverCommand(settings, { workspaceFolder: '/ws' }), {
            command: 'nblint',
            args: ['lsp'],
            options: { cwd: '/ws' },
        });
        assert.deepEqual(serverCommand(settings, {}), { command: 'nblint', args: ['lsp'] });
    });

    it('uses the configured path', () => {
        const settings: Settings = { ...DEFAULTS, serverPath: '~/bin/nblint' };
        assert.equal(serverCommand(settings, { home: '/h' }).command, path.join('/h', 'bin/nblint'));
    });
});

describe('serverSettings', () => {
    it('sends lang and rules under `nblint`, rules sorted', () => {
        const settings: Settings = {
            serverPath: '/x/nblint',
            lang: 'en',
            rules: { 'sections/title': 'warning', 'arithmetic/percent': 'off' },
            trace: 'messages',
        };
        const payload = serverSettings(settings);
        assert.deepEqual(payload, { nblint: { lang: 'en', rules: { 'arithmetic/percent': 'off', 'sections/title': 'warning' } } });
        assert.equal(JSON.stringify(payload), '{"nblint":{"lang":"en","rules":{"arithmetic/percent":"off","sections/title":"warning"}}}');
        // not aliased
        payload.nblint.rules['duplicates'] = 'off';
        assert.equal(settings.rules['duplicates'], undefined);
    });

    it('sends no client-only setting', () => {
        const payload = serverSettings({ ...DEFAULTS, lang: 'zh', serverPath: '/secret/path', trace: 'verbose' });
        assert.deepEqual(Object.keys(payload.nblint).sort(), ['lang', 'rules']);
    });

    it('leaves the language to nblint.toml for `auto`', () => {
        assert.deepEqual(serverSettings(DEFAULTS), { nblint: { rules: {} } });
        assert.equal(JSON.stringify(serverSettings(DEFAULTS)), '{"nblint":{"rules":{}}}');
    });
});

describe('configurationItem', () => {
    const settings: Settings = { ...DEFAULTS, lang: 'en', rules: { duplicates: 'off' } };

    it('answers the sections of nblint', () => {
        assert.deepEqual(configurationItem('nblint', settings), { lang: 'en', rules: { duplicates: 'off' } });
        assert.equal(configurationItem('nblint.lang', settings), 'en');
        assert.deepEqual(configurationItem('nblint.rules', settings), { duplicates: 'off' });
    });

    it('answers null for an `auto` language', () => {
        assert.equal(configurationItem('nblint.lang', DEFAULTS), null);
        assert.deepEqual(configurationItem('nblint', DEFAULTS), { rules: {} });
    });

    it('leaves other sections alone', () => {
        assert.equal(configurationItem('editor', settings), undefined);
        assert.equal(configurationItem(undefined, settings), undefined);
        assert.equal(configurationItem('nblint.serverPath', settings), undefined);
    });
});

describe('changes', () => {
    it('restarts only for a new server path', () => {
        assert.equal(needsRestart(DEFAULTS, { ...DEFAULTS, lang: 'en' }), false);
        assert.equal(needsRestart(DEFAULTS, { ...DEFAULTS, serverPath: '/x/nblint' }), true);
    });

    it('notifies only when what the server sees changes', () => {
        assert.equal(configurationChanged(DEFAULTS, { ...DEFAULTS, trace: 'verbose' }), false);
        assert.equal(configurationChanged(DEFAULTS, { ...DEFAULTS, lang: 'en' }), true);
        assert.equal(configurationChanged(DEFAULTS, { ...DEFAULTS, lang: 'zh' }), true);
        assert.equal(configurationChanged(DEFAULTS, { ...DEFAULTS, rules: { duplicates: 'off' } }), true);
        assert.equal(
            configurationChanged(
                { ...DEFAULTS, rules: { a: 'off', b: 'info' } },
                { ...DEFAULTS, rules: { b: 'info', a: 'off' } },
            ),
            false,
        );
    });
});

describe('DOCUMENT_SELECTOR', () => {
    it('covers plain text, Markdown and HTML, saved or not', () => {
        const langs = new Set(DOCUMENT_SELECTOR.map((s) => s.language));
        assert.deepEqual([...langs].sort(), ['html', 'markdown', 'plaintext']);
        assert.equal(DOCUMENT_SELECTOR.filter((s) => s.scheme === 'untitled').length, 3);
    });
});

describe('startFailureMessage', () => {
    it('tells how to fix a missing executable', () => {
        const err = Object.assign(new Error('spawn nblint ENOENT'), { code: 'ENOENT' });
        const msg = startFailureMessage(err, 'nblint');
        assert.match(msg, /"nblint" was not found/);
        assert.match(msg, /nblint\.serverPath/);
    });

    it('names a file that is not executable', () => {
        assert.match(startFailureMessage({ code: 'EACCES' }, '/x/nblint'), /not executable/);
    });

    it('passes other errors on', () => {
        assert.match(startFailureMessage(new Error('boom'), 'nblint'), /failed to start: boom/);
    });
});
