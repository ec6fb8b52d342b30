// The server's reference lenses run the client command `notelsp.showReferences` with LSP arguments
// (uri, position, locations); VS Code's `editor.action.showReferences` wants its own types. The conversion is
// kept apart from `vscode` so it can be tested without it.

export const SHOW_REFERENCES_COMMAND = 'notelsp.showReferences';

interface LspPosition { line: number; character: number }
interface LspLocation { uri: string; range: { start: LspPosition; end: LspPosition } }

/** How to build the editor's own values (vscode.Uri.parse, new vscode.Position, new vscode.Location). */
export interface ReferenceTypes<U, P, L> {
    uri(text: string): U;
    position(line: number, character: number): P;
    location(uri: U, start: P, end: P): L;
}

function isPosition(value: unknown): value is LspPosition {
    const p = value as LspPosition | undefined;
    return typeof p === 'object' && p !== null && Number.isInteger(p.line) && Number.isInteger(p.character);
}

function isLocation(value: unknown): value is LspLocation {
    const l = value as LspLocation | undefined;
    return typeof l === 'object' && l !== null && typeof l.uri === 'string'
        && typeof l.range === 'object' && l.range !== null && isPosition(l.range.start) && isPosition(l.range.end);
}

/** The arguments of editor.action.showReferences, or undefined when the lens's arguments are not (uri, position, locations). */
export function showReferencesArguments<U, P, L>(args: readonly unknown[], types: ReferenceTypes<U, P, L>): [U, P, L[]] | undefined {
    const [uri, position, locations] = args;
    if (typeof uri !== 'string' || !isPosition(position) || !Array.isArray(locations) || !locations.every(isLocation)) return undefined;
    return [
        types.uri(uri),
        types.position(position.line, position.character),
        locations.map((l) => types.location(types.uri(l.uri), types.position(l.range.start.line, l.range.start.character),
            types.position(l.range.end.line, l.range.end.character))),
    ];
}
