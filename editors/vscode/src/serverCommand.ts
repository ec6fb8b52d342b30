// Which program to start for the language server, from the settings. No `vscode` import: the unit tests
// load this module in plain node.
import * as fs from 'fs';
import * as path from 'path';

export const DEFAULT_PROGRAM = 'notelsp';

export interface ServerSettings {
    /** `notelsp.server.path`: empty for `notelsp` on PATH. */
    readonly path: string;
    /** `notelsp.server.args`. */
    readonly args: readonly string[];
}

export interface ServerCommand {
    readonly command: string;
    readonly args: string[];
}

export type Resolved =
    | { readonly ok: true; readonly command: string; readonly args: string[] }
    | { readonly ok: false; readonly problem: string };

/** What the resolution may ask of the machine; tests pass a fake. */
export interface Host {
    isFile(file: string): boolean;
    isExecutable(file: string): boolean;
    readonly envPath: string;
    readonly platform: NodeJS.Platform;
    readonly pathExt: string;
    /** Sets the executable bits; true when that worked. */
    makeExecutable?(file: string): boolean;
}

export const realHost: Host = {
    isFile: (file) => {
        try {
            return fs.statSync(file).isFile();
        } catch {
            return false;
        }
    },
    isExecutable: (file) => {
        try {
            fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
            return fs.statSync(file).isFile();
        } catch {
            return false;
        }
    },
    envPath: process.env.PATH ?? '',
    platform: process.platform,
    pathExt: process.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD',
    makeExecutable: (file) => {
        try {
            fs.chmodSync(file, 0o755);
            fs.accessSync(file, fs.constants.X_OK);
            return true;
        } catch {
            return false;
        }
    },
};

/** Splits a command line at blanks: "double" and 'single' quotes keep blanks, a backslash escapes a blank, a quote or a backslash. */
export function splitCommandLine(line: string): string[] {
    const words: string[] = [];
    let word = '';
    let inWord = false;
    let quote: '"' | "'" | undefined;
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quote) {
            if (c === quote) quote = undefined;
            else if (c === '\\' && quote === '"' && i + 1 < line.length && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
            else word += c;
        } else if (c === '"' || c === "'") {
            quote = c;
            inWord = true;
        } else if (c === '\\' && i + 1 < line.length && /[\s"'\\]/.test(line[i + 1])) {
            word += line[++i]; // an escaped blank or quote; other backslashes stay (Windows paths)
            inWord = true;
        } else if (/\s/.test(c)) {
            if (inWord) words.push(word);
            word = '';
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord) words.push(word);
    return words;
}

/**
 * The command line the settings ask for, before checking that it exists: `notelsp.server.path` is a program, or a
 * whole command line when no file has that exact name; a `.dll` runs with `dotnet`; `notelsp.server.args` follow.
 */
export function commandFromSettings(settings: ServerSettings, host: Pick<Host, 'isFile'>): ServerCommand {
    const configured = settings.path.trim();
    let words: string[];
    if (configured === '') words = [DEFAULT_PROGRAM];
    else if (host.isFile(configured) || !/\s/.test(configured)) words = [configured];
    else words = splitCommandLine(configured);
    if (words.length === 0) words = [DEFAULT_PROGRAM];
    const [program, ...rest] = words;
    const args = [...rest, ...settings.args];
    if (program.toLowerCase().endsWith('.dll')) return { command: 'dotnet', args: [program, ...args] };
    return { command: program, args };
}

/** The full path of a program name found on PATH (with PATHEXT on Windows), or undefined. */
export function findOnPath(program: string, host: Host): string | undefined {
    const separator = host.platform === 'win32' ? ';' : ':';
    const suffixes = host.platform === 'win32' && path.extname(program) === '' ? ['', ...host.pathExt.split(';').filter((e) => e !== '')] : [''];
    for (const directory of host.envPath.split(separator)) {
        if (directory === '') continue;
        for (const suffix of suffixes) {
            const candidate = path.join(directory, program + suffix);
            if (host.isExecutable(candidate)) return candidate;
        }
    }
    return undefined;
}

function hasDirectory(program: string): boolean {
    return program.includes('/') || program.includes('\\');
}

/** Where a platform build of the extension keeps its server: `server/notelsp` (`server\\notelsp.exe` on Windows). */
export function bundledServerPath(extensionDir: string, platform: NodeJS.Platform): string {
    return path.join(extensionDir, 'server', platform === 'win32' ? `${DEFAULT_PROGRAM}.exe` : DEFAULT_PROGRAM);
}

/**
 * The program to start, checked to exist, or a message that says what to install or set. In this order:
 * `notelsp.server.path` (with `notelsp.server.args`), the server bundled in a platform build of the extension
 * (`bundled`), `notelsp` on PATH.
 */
export function resolveServer(settings: ServerSettings, host: Host = realHost, bundled?: string): Resolved {
    const { command, args } = commandFromSettings(settings, host);
    const fromSetting = settings.path.trim() !== '';
    if (!fromSetting && bundled !== undefined && host.isFile(bundled)) {
        // A .vsix may lose the executable bit on the way (unzip without modes): restore it once.
        if (host.isExecutable(bundled) || host.makeExecutable?.(bundled)) return { ok: true, command: bundled, args };
        return { ok: false, problem: `the bundled server ${bundled} is not executable` };
    }
    if (hasDirectory(command)) {
        if (!host.isFile(command)) {
            return { ok: false, problem: `the file ${command} (from the setting notelsp.server.path) does not exist` };
        }
        if (!host.isExecutable(command)) {
            return { ok: false, problem: `${command} (from the setting notelsp.server.path) is not executable` };
        }
        return { ok: true, command, args };
    }
    const found = findOnPath(command, host);
    if (found === undefined) {
        if (command === 'dotnet') {
            return { ok: false, problem: `'dotnet' (needed to run ${args[0]}) is not on PATH; install the .NET 10 runtime` };
        }
        return {
            ok: false,
            problem: fromSetting
                ? `'${command}' (from the setting notelsp.server.path) is not on PATH`
                : `this extension has no bundled server and '${DEFAULT_PROGRAM}' is not on PATH`,
        };
    }
    if (command === 'dotnet' && args.length > 0 && args[0].toLowerCase().endsWith('.dll') && !host.isFile(args[0])) {
        return { ok: false, problem: `the file ${args[0]} (from the setting notelsp.server.path) does not exist` };
    }
    return { ok: true, command: found, args };
}

/**
 * How to get a server, said once in every "cannot start" message: the one install command that works for a release
 * (the .NET tool package from the release's files; nothing is published to a package feed yet), where the tool
 * lands, and the alternatives.
 */
export function installHint(version: string): string {
    return (
        `Install the server with \`dotnet tool install --global --add-source <folder with notelsp.${version}.nupkg> notelsp\` ` +
        '(then add ~/.dotnet/tools to PATH and run "NoteLsp: Restart server"), or install the NoteLsp extension built for your platform, ' +
        'which bundles the server, or set `notelsp.server.path` to the notelsp program.'
    );
}
