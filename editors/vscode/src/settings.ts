// The `notelsp.*` settings the server reads, as it reads them. No `vscode` import: the unit tests load this
// module in plain node.

/** The keys of `.notelsp.yml` that the server also takes from the editor (same names, same meaning). */
export const SERVER_KEYS = ['severities', 'extensions', 'ignore', 'maxFileBytes', 'timestampUrlTemplate'] as const;
export type ServerKey = (typeof SERVER_KEYS)[number];

/** Settings of this extension that only the extension reads: changing them restarts the server. */
export const RESTART_KEYS = ['server.path', 'server.args'] as const;

/** The parts of `WorkspaceConfiguration.inspect()` that a user wrote (defaults left out). */
export interface WrittenValues {
    readonly globalValue?: unknown;
    readonly workspaceValue?: unknown;
    readonly workspaceFolderValue?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The settings to send under `notelsp`: only the keys a user wrote somewhere (user, workspace or folder
 * settings), the most specific winning, objects (severities) merged key by key. Unwritten keys are left out so
 * the vault's `.notelsp.yml` keeps deciding them; `null` means unwritten too.
 */
export function forwardedSettings(inspect: (key: ServerKey) => WrittenValues | undefined): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const key of SERVER_KEYS) {
        const written = inspect(key);
        if (!written) continue;
        const layers = [written.globalValue, written.workspaceValue, written.workspaceFolderValue].filter(
            (v) => v !== undefined && v !== null,
        );
        if (layers.length === 0) continue;
        if (layers.every(isObject)) {
            const merged = Object.assign({}, ...layers) as Record<string, unknown>;
            for (const [code, level] of Object.entries(merged)) if (level === null || level === undefined) delete merged[code];
            if (Object.keys(merged).length > 0) result[key] = merged;
        } else {
            result[key] = layers[layers.length - 1];
        }
    }
    return result;
}

/** The file name patterns of the notes, for the document selector: `.md` → `**\/*.md`. */
export function notePatterns(extensions: unknown): string[] {
    const list = Array.isArray(extensions) ? extensions : typeof extensions === 'string' ? extensions.split(/[\s,]+/) : [];
    const patterns = new Set<string>();
    for (const item of list) {
        if (typeof item !== 'string') continue;
        let extension = item.trim().toLowerCase();
        if (extension.startsWith('*')) extension = extension.slice(1);
        if (!extension.startsWith('.')) extension = '.' + extension;
        if (extension.length < 2 || /[\\/*?\s{},[\]]/.test(extension)) continue;
        patterns.add(`**/*${extension}`);
    }
    return [...patterns];
}
