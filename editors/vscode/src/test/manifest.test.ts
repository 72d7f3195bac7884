// package.json against the code: the settings it declares are the ones the code reads,
// with the same defaults and values, and the bundle it names loads.

import { strict as assert } from 'assert';
import * as fs from 'fs';
import { describe, it } from 'node:test';
import * as path from 'path';
import Module = require('module');
import { DEFAULTS, DOCUMENT_SELECTOR, LANGS, SEVERITIES, TRACE_LEVELS } from '../config';

const dir = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const props = manifest.contributes.configuration.properties;

describe('package.json', () => {
    it('declares exactly the settings the extension reads, with its defaults', () => {
        assert.deepEqual(Object.keys(props).sort(), ['nblint.lang', 'nblint.rules', 'nblint.serverPath', 'nblint.trace.server']);
        assert.equal(props['nblint.serverPath'].default, DEFAULTS.serverPath);
        assert.equal(props['nblint.lang'].default, DEFAULTS.lang);
        assert.deepEqual(props['nblint.rules'].default, DEFAULTS.rules);
        assert.equal(props['nblint.trace.server'].default, DEFAULTS.trace);
    });

    it('offers the values the extension accepts', () => {
        assert.deepEqual(props['nblint.lang'].enum, [...LANGS]);
        assert.deepEqual(props['nblint.rules'].additionalProperties.enum, [...SEVERITIES]);
        assert.deepEqual(props['nblint.trace.server'].enum, [...TRACE_LEVELS]);
    });

    it('activates on the languages the client lints', () => {
        const langs = [...new Set(DOCUMENT_SELECTOR.map((s) => s.language))].sort();
        assert.deepEqual(manifest.activationEvents.slice().sort(), langs.map((l) => `onLanguage:${l}`));
    });

    it('registers the commands it contributes', () => {
        const src = fs.readFileSync(path.join(dir, 'src', 'extension.ts'), 'utf8');
        for (const c of manifest.contributes.commands) {
            assert.ok(src.includes(`'${c.command}'`), `${c.command} is registered`);
        }
    });

    it('names a bundle that loads (after npm run bundle)', (t) => {
        const main = path.join(dir, manifest.main);
        if (!fs.existsSync(main)) {
            t.skip(`${manifest.main} not built (npm run bundle)`);
            return;
        }
        // Any `vscode` API is a callable, constructible stub: only loading is checked.
        const handler: ProxyHandler<any> = {
            get: (target, key) => {
                if (key === '__esModule') {
                    return false;
                }
                if (!(key in target)) {
                    target[key] = new Proxy(function () {}, handler);
                }
                return target[key];
            },
            construct: () => ({}),
            apply: () => undefined,
        };
        const vscode = new Proxy(function () {}, handler);
        const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
        const load = mod._load;
        mod._load = function (request: string, ...rest: unknown[]) {
            return request === 'vscode' ? vscode : load.call(this, request, ...rest);
        };
        try {
            // eslint-disable-next-line @typescript-eslint/no-var-requires
            const ext = require(main);
            assert.equal(typeof ext.activate, 'function');
            assert.equal(typeof ext.deactivate, 'function');
        } finally {
            mod._load = load;
        }
    });
});
