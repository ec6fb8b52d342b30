// What the status bar says, from the server's state and its indexing progress. No `vscode` import: the unit tests
// load this module in plain node.

export type ServerState =
    | { readonly kind: 'starting' }
    | { readonly kind: 'indexing'; readonly done?: number; readonly total?: number }
    | { readonly kind: 'ready'; readonly notes?: number; readonly detail?: string }
    | { readonly kind: 'failed'; readonly problem: string }
    | { readonly kind: 'stopped' };

/**
 * The LSP work-done progress values the server sends while indexing. Besides the human-readable message they carry
 * the counts as numbers (the server's extension of the LSP values): `done`/`total` while indexing, `notes` at the
 * end of a run that finished. The message text is only shown, never parsed.
 */
export type ProgressValue =
    | { kind: 'begin'; title: string; message?: string; percentage?: number; done?: number; total?: number }
    | { kind: 'report'; message?: string; percentage?: number; done?: number; total?: number }
    | { kind: 'end'; message?: string; notes?: number };

const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);

/** The next state after a progress value of an indexing run. */
export function afterProgress(state: ServerState, value: ProgressValue): ServerState {
    switch (value.kind) {
        case 'begin':
        case 'report': {
            const before = state.kind === 'indexing' ? state : undefined;
            return { kind: 'indexing', done: count(value.done) ?? before?.done, total: count(value.total) ?? before?.total };
        }
        case 'end': {
            // A run that stopped or failed has no `notes`: keep the last known count and show the server's reason.
            const notes = count(value.notes);
            if (notes !== undefined) return { kind: 'ready', notes, detail: undefined };
            const known = state.kind === 'indexing' ? state.done : state.kind === 'ready' ? state.notes : undefined;
            return { kind: 'ready', notes: known, detail: value.message };
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
