// Keeps a note rename from editing the links twice. No `vscode` import: the unit tests load this module in plain
// node.
//
// Renaming a note (F2 on a link) gives a workspace edit that rewrites every link and renames the file. When VS Code
// applies it, the file rename first asks the file-operation participants, NoteLsp's workspace/willRenameFiles
// among them, which answers with the same link edits; VS Code applies those first and then refuses the rename's own
// edits ("… has changed in the meantime"). So the file renames of the server's last rename answer are remembered,
// and the willRenameFiles that VS Code then sends for exactly those files is not forwarded. A file renamed any other
// way (the explorer, another extension) still gets its links updated by willRenameFiles.

export interface FileRename {
    readonly oldUri: string;
    readonly newUri: string;
}

/** The file renames (RenameFile operations) of an LSP WorkspaceEdit. */
export function fileRenamesOf(edit: unknown): FileRename[] {
    const changes = (edit as { documentChanges?: unknown } | null | undefined)?.documentChanges;
    if (!Array.isArray(changes)) return [];
    return changes
        .filter((c): c is { kind: 'rename'; oldUri: string; newUri: string } =>
            typeof c === 'object' && c !== null && c.kind === 'rename' && typeof c.oldUri === 'string' && typeof c.newUri === 'string')
        .map((c) => ({ oldUri: c.oldUri, newUri: c.newUri }));
}

/** The file renames the server planned as part of its own rename answer, until VS Code carries them out. */
export class PlannedFileRenames {
    private planned = new Set<string>();

    /** @param normalize makes the server's URIs and VS Code's comparable (e.g. `Uri.parse(u).toString()`). */
    constructor(private readonly normalize: (uri: string) => string = (u) => u) {}

    private key(rename: FileRename): string {
        return `${this.normalize(rename.oldUri)}\n${this.normalize(rename.newUri)}`;
    }

    /** A new rename answer replaces the previous one (that one was applied or dropped by now). */
    remember(renames: readonly FileRename[]): void {
        this.planned = new Set(renames.map((r) => this.key(r)));
    }

    /** True (and forgotten) when every one of these file renames was planned by the last rename answer. */
    takeIfPlanned(renames: readonly FileRename[]): boolean {
        if (renames.length === 0) return false;
        const keys = renames.map((r) => this.key(r));
        if (!keys.every((k) => this.planned.has(k))) return false;
        for (const k of keys) this.planned.delete(k);
        return true;
    }
}
