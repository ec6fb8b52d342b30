// Reads samples/PLANTED.md, the sample vault's list of planted problems (the same table the server's own
// SampleVaultTests read). No `vscode` import.

export interface PlantedProblem {
    /** Vault-relative, '/' separators. */
    readonly path: string;
    /** 0-based, as in LSP and the vscode API. */
    readonly line: number;
    /** 0-based, in UTF-16 code units (as the vscode API counts). */
    readonly character: number;
    readonly code: string;
    readonly severity: string;
    /** The link target when the description names a wikilink: `[[dobsonian_mounts]]` → dobsonian_mounts. */
    readonly wikilinkTarget?: string;
}

/** Rows like: | `choosing_your_first_telescope.md:20:319` | link-broken | warning | `[[dobsonian_mounts]]`: … | */
export function parsePlanted(markdown: string): PlantedProblem[] {
    const problems: PlantedProblem[] = [];
    for (const row of markdown.split(/\r?\n/)) {
        const match = /^\|\s*`([^`]+):(\d+):(\d+)`\s*\|\s*([a-z-]+)\s*\|\s*([a-z]+)\s*\|(.*)\|\s*$/.exec(row);
        if (!match) continue;
        const [, path, line, column, code, severity, description] = match;
        const wikilink = /`\[\[([^\]|#`]+)[^`]*\]\]`/.exec(description);
        problems.push({
            path,
            line: Number(line) - 1,
            character: Number(column) - 1,
            code,
            severity,
            wikilinkTarget: wikilink ? wikilink[1].trim() : undefined,
        });
    }
    return problems;
}
