// What the status bar says, from the server's state and its indexing progress. No `vscode` import: the unit tests
// load this module in plain node.

export type ServerState =
    | { readonly kind: 'starting' }
    | { readonly kind: 'indexing'; readonly done?: number; readonly total?: number }
    | { readonly kind: 'ready'; readonly notes?: number; readonly detail?: string }
    | { readonly kind: 'failed'; readonly problem: string }
    | { readonly kind: 'stopped' };

/** The LSP work-done progress values the server sends while indexing. */
export type ProgressValue =
    | { kind: 'begin'; title: string; message?: string; percentage?: number }
    | { kind: 'report'; message?: string; percentage?: number }
    | { kind: 'end'; message?: string };

/**
 * Note counts in the server's progress messages: "120/500 notes" while indexing, "Indexed 500 notes in 0.4 s"
 * at the end. Undefined parts when the message has no such number.
 */
export function noteCounts(message: string | undefined): { done?: number; total?: number } {
    if (!message) return {};
    const fraction = /(\d+)\s*\/\s*(\d+)\s+notes?\b/i.exec(message);
    if (fraction) return { done: Number(fraction[1]), total: Number(fraction[2]) };
    const count = /(\d+)\s+notes?\b/i.exec(message);
    if (count) return { done: Number(count[1]) };
    return {};
}

/** The next state after a progress value of an indexing run. */
export function afterProgress(state: ServerState, value: ProgressValue): ServerState {
    const { done, total } = noteCounts(value.message);
    switch (value.kind) {
        case 'begin':
        case 'report':
            return { kind: 'indexing', done: done ?? (state.kind === 'indexing' ? state.done : undefined), total: total ?? (state.kind === 'indexing' ? state.total : undefined) };
        case 'end': {
            // "Indexing stopped" / "Indexing failed: …" carry no count: keep the last known one and show why.
            const notes = done ?? (state.kind === 'indexing' ? state.done : state.kind === 'ready' ? state.notes : undefined);
            return { kind: 'ready', notes, detail: done === undefined ? value.message : undefined };
        }
    }
}

export interface StatusView {
    readonly text: string;
    readonly tooltip: string;
    readonly isError: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The status bar item's text (with codicons), tooltip and whether it shows as an error. */
export function statusView(state: ServerState): StatusView {
    switch (state.kind) {
        case 'starting':
            return { text: '$(sync~spin) NoteLsp', tooltip: 'NoteLsp: starting the language server', isError: false };
        case 'indexing': {
            const progress = state.done !== undefined && state.total !== undefined ? ` ${state.done}/${state.total}` : '';
            return { text: `$(sync~spin) NoteLsp: indexing${progress}`, tooltip: 'NoteLsp: indexing the notes of the workspace', isError: false };
        }
        case 'ready': {
            const count = state.notes !== undefined ? plural(state.notes, 'note') : 'ready';
            const detail = state.detail ? ` (${state.detail})` : '';
            return {
                text: `$(book) NoteLsp: ${count}`,
                tooltip: `NoteLsp: ${state.notes !== undefined ? plural(state.notes, 'note') + ' indexed' : 'running'}${detail}. Click for the server log.`,
                isError: false,
            };
        }
        case 'failed':
            return { text: '$(error) NoteLsp', tooltip: `NoteLsp: ${state.problem}. Click to restart the server.`, isError: true };
        case 'stopped':
            return { text: '$(circle-slash) NoteLsp: stopped', tooltip: 'NoteLsp: the language server is stopped. Click to restart it.', isError: true };
    }
}
