// Clears the problems of notes that are gone. No `vscode` import: the unit tests load this module in plain node.
//
// VS Code pulls the problems of the whole vault with workspace/diagnostic every few seconds, sending the result ids
// of the documents it holds problems for. NoteLsp's answer lists every note of its vaults, so a document that VS
// Code asks about and the answer leaves out is no longer a note (deleted, renamed, moved out): an empty full report
// for it tells VS Code to drop its problems, which it otherwise keeps showing under the old path forever.

interface PreviousResultId {
    readonly uri: string;
    readonly value: string;
}

interface WorkspaceDocumentReport {
    readonly kind: string;
    readonly uri: string;
    readonly [key: string]: unknown;
}

/**
 * The server's workspace/diagnostic answer, plus an empty full report for each asked-about document it left out.
 * @param normalize makes the server's URIs and VS Code's comparable (they may escape characters differently; a
 *   document reported under another spelling must not be taken for a gone one).
 */
export function withRemovedDocuments(params: unknown, answer: unknown, normalize: (uri: string) => string = (u) => u): unknown {
    const previous = (params as { previousResultIds?: PreviousResultId[] } | undefined)?.previousResultIds;
    const items = (answer as { items?: WorkspaceDocumentReport[] } | null | undefined)?.items;
    if (!Array.isArray(previous) || previous.length === 0 || !Array.isArray(items)) return answer;
    const reported = new Set(items.map((item) => normalize(item.uri)));
    const gone = previous.filter((p) => !reported.has(normalize(p.uri)));
    if (gone.length === 0) return answer;
    return {
        ...(answer as object),
        items: [...items, ...gone.map((p) => ({ kind: 'full', uri: p.uri, version: null, items: [] }))],
    };
}

/**
 * The answer to a document pull (textDocument/diagnostic) for a document whose file is gone: an empty full report.
 * When a note is renamed or deleted, VS Code closes its old document and vscode-languageclient (10 and later) pulls
 * it one last time, then stops asking about it in workspace pulls; whatever that last answer holds stays in the
 * Problems panel under the old path. A file that no longer exists has no problems.
 */
export function forDocumentPull(answer: unknown, fileExists: boolean): unknown {
    if (fileExists) return answer;
    return { kind: 'full', items: [] };
}
