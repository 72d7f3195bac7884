// The extension's settings and what is derived from them: the command that
// starts the server and the configuration sent to it. Pure functions, no
// `vscode` import, so that they are unit-tested with node's test runner.

import * as os from 'os';
import * as path from 'path';

export const SECTION = 'nblint';

export type Lang = 'zh' | 'en';
/** `auto`: the server uses `lang` of `nblint.toml` (default `zh`). */
export type LangSetting = 'auto' | Lang;
export type RuleSeverity = 'off' | 'info' | 'warning' | 'error';
export type TraceLevel = 'off' | 'messages' | 'verbose';

export const LANGS: readonly LangSetting[] = ['auto', 'zh', 'en'];
export const SEVERITIES: readonly RuleSeverity[] = ['off', 'info', 'warning', 'error'];
export const TRACE_LEVELS: readonly TraceLevel[] = ['off', 'messages', 'verbose'];

/** The `nblint.*` settings, validated. */
export interface Settings {
    serverPath: string;
    lang: LangSetting;
    rules: Record<string, RuleSeverity>;
    trace: TraceLevel;
}

export const DEFAULTS: Settings = {
    serverPath: 'nblint',
    lang: 'auto',
    rules: {},
    trace: 'off',
};

/** What the server is sent: `settings` of `workspace/didChangeConfiguration`. */
export interface ServerSettings {
    nblint: {
        /** Absent for `auto`: `nblint.toml` decides. */
        lang?: Lang;
        rules: Record<string, RuleSeverity>;
    };
}

/** Reads one setting below `nblint.`, e.g. `get('lang')`. */
export type Getter = (key: string) => unknown;

export interface ReadResult {
    settings: Settings;
    /** Invalid values that were replaced by their default, worded for the user. */
    problems: string[];
}

/**
 * Reads and validates the settings. An invalid value is replaced by its default
 * (or, for one rule, dropped) and reported in `problems`; it never stops the server.
 */
export function readSettings(get: Getter): ReadResult {
    const problems: string[] = [];

    let serverPath = DEFAULTS.serverPath;
    const rawPath = get('serverPath');
    if (typeof rawPath === 'string' && rawPath.trim() !== '') {
        serverPath = rawPath.trim();
    } else if (rawPath !== undefined && rawPath !== null && rawPath !== '') {
        problems.push(`nblint.serverPath must be a string; using "${DEFAULTS.serverPath}"`);
    }

    let lang = DEFAULTS.lang;
    const rawLang = get('lang');
    if (typeof rawLang === 'string' && (LANGS as readonly string[]).includes(rawLang.trim().toLowerCase())) {
        lang = rawLang.trim().toLowerCase() as LangSetting;
    } else if (rawLang !== undefined && rawLang !== null && rawLang !== '') {
        problems.push(`nblint.lang must be "auto", "zh" or "en", not ${JSON.stringify(rawLang)}; using "${DEFAULTS.lang}"`);
    }

    const rules: Record<string, RuleSeverity> = {};
    const rawRules = get('rules');
    if (rawRules !== undefined && rawRules !== null) {
        if (typeof rawRules !== 'object' || Array.isArray(rawRules)) {
            problems.push('nblint.rules must be an object of rule id → "off" | "info" | "warning" | "error"');
        } else {
            for (const [id, level] of Object.entries(rawRules as Record<string, unknown>)) {
                const ruleId = id.trim();
                const severity = typeof level === 'string' ? level.trim().toLowerCase() : level;
                if (ruleId === '') {
                    problems.push('nblint.rules: an empty rule id is ignored');
                } else if (typeof severity === 'string' && (SEVERITIES as readonly string[]).includes(severity)) {
                    rules[ruleId] = severity as RuleSeverity;
                } else {
                    problems.push(
                        `nblint.rules: "${ruleId}" must be "off", "info", "warning" or "error", not ${JSON.stringify(level)}; ignored`,
                    );
                }
            }
        }
    }

    let trace = DEFAULTS.trace;
    const rawTrace = get('trace.server');
    if (typeof rawTrace === 'string' && (TRACE_LEVELS as readonly string[]).includes(rawTrace)) {
        trace = rawTrace as TraceLevel;
    } else if (rawTrace !== undefined && rawTrace !== null) {
        problems.push(`nblint.trace.server must be "off", "messages" or "verbose"; using "off"`);
    }

    return { settings: { serverPath, lang, rules, trace }, problems };
}

export interface PathContext {
    /** The user's home directory, for `~`. */
    home?: string;
    /** The first workspace folder's path, for `${workspaceFolder}` and relative paths. */
    workspaceFolder?: string;
}

/**
 * The executable to run: `~` and `${workspaceFolder}` expanded; a relative path with a
 * directory part (`./target/debug/nblint`) taken relative to the workspace folder; a
 * bare name (`nblint`) left to be looked up on PATH.
 */
export function resolveServerPath(serverPath: string, ctx: PathContext = {}): string {
    const home = ctx.home ?? os.homedir();
    let p = serverPath.trim();
    if (p === '') {
        return DEFAULTS.serverPath;
    }
    if (p === '~') {
        p = home;
    } else if (p.startsWith('~/') || p.startsWith('~\\')) {
        p = path.join(home, p.slice(2));
    }
    if (ctx.workspaceFolder !== undefined) {
        p = p.split('${workspaceFolder}').join(ctx.workspaceFolder);
    }
    const hasDir = p.includes('/') || p.includes('\\');
    if (hasDir && !path.isAbsolute(p) && ctx.workspaceFolder !== undefined) {
        p = path.join(ctx.workspaceFolder, p);
    }
    return p;
}

/** How the server is started (the shape of vscode-languageclient's `Executable`). */
export interface ServerCommand {
    command: string;
    args: string[];
    options?: { cwd?: string; env?: Record<string, string | undefined> };
}

/** `<serverPath> lsp` on stdio, started in the workspace folder when there is one. */
export function serverCommand(settings: Settings, ctx: PathContext = {}): ServerCommand {
    const command = resolveServerPath(settings.serverPath, ctx);
    const cmd: ServerCommand = { command, args: ['lsp'] };
    if (ctx.workspaceFolder !== undefined) {
        cmd.options = { cwd: ctx.workspaceFolder };
    }
    return cmd;
}

/** The `settings` of `workspace/didChangeConfiguration` (and the initialization options). */
export function serverSettings(settings: Settings): ServerSettings {
    // A copy with sorted keys: stable on the wire, and not aliased to the settings.
    const rules: Record<string, RuleSeverity> = {};
    for (const id of Object.keys(settings.rules).sort()) {
        rules[id] = settings.rules[id];
    }
    return settings.lang === 'auto' ? { nblint: { rules } } : { nblint: { lang: settings.lang, rules } };
}

/**
 * The answer to one item of a `workspace/configuration` request from the server,
 * from the validated settings: `nblint` → `{lang, rules}`, `nblint.lang` (`null` for
 * `auto`), `nblint.rules`. `undefined` for a section this extension does not own (left
 * to the default handler).
 */
export function configurationItem(section: string | undefined, settings: Settings): unknown {
    const s = serverSettings(settings).nblint;
    switch (section) {
        case SECTION:
            return s;
        case `${SECTION}.lang`:
            return s.lang ?? null;
        case `${SECTION}.rules`:
            return s.rules;
        default:
            return undefined;
    }
}

/** Whether a settings change needs a restart of the server (not only a new configuration). */
export function needsRestart(before: Settings, after: Settings): boolean {
    return before.serverPath !== after.serverPath;
}

/** Whether the server has to be told about a settings change. */
export function configurationChanged(before: Settings, after: Settings): boolean {
    return JSON.stringify(serverSettings(before)) !== JSON.stringify(serverSettings(after));
}

/** The documents the server lints. DOCX is not a text document in VS Code; use the CLI. */
export const DOCUMENT_SELECTOR = [
    { scheme: 'file', language: 'plaintext' },
    { scheme: 'file', language: 'markdown' },
    { scheme: 'file', language: 'html' },
    { scheme: 'untitled', language: 'plaintext' },
    { scheme: 'untitled', language: 'markdown' },
    { scheme: 'untitled', language: 'html' },
];

/** A message for a server that could not be started, with what to do about it. */
export function startFailureMessage(err: unknown, command: string): string {
    const code = (err as { code?: unknown } | null)?.code;
    const text = err instanceof Error ? err.message : String(err);
    if (code === 'ENOENT' || /ENOENT/.test(text)) {
        return (
            `nblint: cannot start the language server: "${command}" was not found. ` +
            'Install nblint (cargo install --path crates/cli) or set "nblint.serverPath" to the nblint executable.'
        );
    }
    if (code === 'EACCES' || /EACCES/.test(text)) {
        return `nblint: cannot start the language server: "${command}" is not executable. Check "nblint.serverPath".`;
    }
    return (
        `nblint: the language server "${command} lsp" failed to start: ${text}. ` +
        'Is it an nblint with the "lsp" subcommand? See the nblint output channel.'
    );
}
