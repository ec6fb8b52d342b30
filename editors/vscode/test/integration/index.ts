// The integration test: runs inside the real VS Code extension host (`run()` is called by VS Code for
// extensionTestsPath) on a copy of samples/vault, with the real notelsp server, through the public `vscode` API,
// checking what a user would see. test/run.sh sets it up; NOTELSP_TEST_RESULTS names a file for the report.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import * as features from './features';
import { parsePlanted, PlantedProblem } from './planted';

/** The API the extension's activate() returns (see src/extension.ts). */
interface NoteLspApi {
    readonly state: { readonly kind: string; readonly problem?: string };
    readonly statusBar: { readonly text: string; readonly tooltip: string };
    readonly startAttempts: number;
    readonly errorMessages: readonly string[];
}

const EXTENSION_ID = 'notelsp.notelsp';
const POLL_TIMEOUT_MS = 30_000;

const resultsFile = process.env.NOTELSP_TEST_RESULTS;

function report(line: string): void {
    console.log(line);
    if (resultsFile) fs.appendFileSync(resultsFile, line + '\n');
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describe(value: unknown): string {
    try {
        const text = JSON.stringify(value);
        return text.length > 1500 ? text.slice(0, 1500) + '…' : text;
    } catch {
        return String(value);
    }
}

/**
 * Polls until probe() returns something truthy and returns it; on timeout fails with what was awaited and the last
 * thing seen (the probe's `seen` callback records it).
 */
async function poll<T>(what: string, probe: (seen: (v: unknown) => void) => T | undefined | false | Promise<T | undefined | false>, timeoutMs = POLL_TIMEOUT_MS): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    const seen = (v: unknown) => {
        last = v;
    };
    for (;;) {
        const value = await probe(seen);
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${describe(last)}`);
        await delay(100);
    }
}

function check(condition: unknown, message: string): asserts condition {
    if (!condition) throw new Error(message);
}

// ---- the vault ----

let vaultRoot = '';
let planted: PlantedProblem[] = [];

const uriOf = (relative: string) => vscode.Uri.file(path.join(vaultRoot, ...relative.split('/')));
const relativeOf = (uri: vscode.Uri) => path.relative(vaultRoot, uri.fsPath).split(path.sep).join('/');

/** The note files as docs/notes-format.md §1 defines them (hidden folders and node_modules skipped), vault-relative. */
function noteFiles(): string[] {
    const notes: string[] = [];
    const walk = (directory: string) => {
        for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
            if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
            const full = path.join(directory, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (/\.(md|markdown)$/i.test(entry.name)) notes.push(path.relative(vaultRoot, full).split(path.sep).join('/'));
        }
    };
    walk(vaultRoot);
    return notes.sort();
}

function codeOf(diagnostic: vscode.Diagnostic): string {
    const code = diagnostic.code;
    return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

const SEVERITY_NAMES: Record<number, string> = {
    [vscode.DiagnosticSeverity.Error]: 'error',
    [vscode.DiagnosticSeverity.Warning]: 'warning',
    [vscode.DiagnosticSeverity.Information]: 'information',
    [vscode.DiagnosticSeverity.Hint]: 'hint',
};

interface Shown {
    path: string;
    line: number;
    character: number;
    code: string;
    severity: string;
}

/** Every NoteLsp diagnostic VS Code holds (what the Problems panel lists), sorted. */
function shownDiagnostics(): Shown[] {
    const shown: Shown[] = [];
    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
        for (const d of diagnostics) {
            if (d.source !== 'notelsp') continue;
            shown.push({ path: relativeOf(uri), line: d.range.start.line, character: d.range.start.character, code: codeOf(d), severity: SEVERITY_NAMES[d.severity] });
        }
    }
    return shown.sort(compareShown);
}

function compareShown(a: Shown, b: Shown): number {
    return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.character - b.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

const key = (s: Shown) => `${s.path}:${s.line + 1}:${s.character + 1} ${s.severity} ${s.code}`;

type Moves = { from: string; to: string }[];

/** Notes the tests renamed so far (vault-relative paths): their planted problems moved with them. */
const notesMoved: Moves = [];

/** The planted problems as `key()`s, in the files they are in after `moves`, with the severities of `severityOf`. */
function expectedFromPlanted(moves: Moves = [], severityOf?: (code: string, planted: string) => string | undefined): string[] {
    const expected: string[] = [];
    for (const p of planted) {
        const severity = severityOf ? severityOf(p.code, p.severity) : p.severity;
        if (severity === undefined) continue;
        const file = moves.find((m) => m.from === p.path)?.to ?? p.path;
        expected.push(key({ path: file, line: p.line, character: p.character, code: p.code, severity }));
    }
    return expected.sort();
}

/** Waits until VS Code shows exactly these NoteLsp diagnostics. */
async function expectDiagnostics(what: string, expected: string[]): Promise<void> {
    await poll(what, (seen) => {
        const actual = shownDiagnostics().map(key).sort();
        seen({ missing: expected.filter((e) => !actual.includes(e)), unexpected: actual.filter((a) => !expected.includes(a)) });
        return actual.length === expected.length && actual.every((a, i) => a === expected[i]);
    });
}

async function open(relative: string): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(uriOf(relative));
    return vscode.window.showTextDocument(document, { preview: false });
}

/** The position `offset` characters into the first occurrence of `text` in the document. */
function positionOf(document: vscode.TextDocument, text: string, offset = 0): vscode.Position {
    const index = document.getText().indexOf(text);
    check(index >= 0, `${relativeOf(document.uri)} does not contain ${text}`);
    return document.positionAt(index + offset);
}

async function setWorkspaceSetting(name: string, value: unknown): Promise<void> {
    await vscode.workspace.getConfiguration('notelsp').update(name, value, vscode.ConfigurationTarget.Workspace);
}

// ---- the tests, in order (later ones build on the state earlier ones leave) ----

let api: NoteLspApi;

async function statusShowsNoteCount(): Promise<void> {
    await open('observing_the_moon.md');
    const extension = vscode.extensions.getExtension<NoteLspApi>(EXTENSION_ID);
    check(extension, `extension ${EXTENSION_ID} is not installed`);
    // Opening a Markdown file activates it; activate() here only waits for that.
    api = await extension.activate();
    const expected = `$(book) NoteLsp: ${noteFiles().length} notes`;
    await poll(`the status bar to read "${expected}"`, (seen) => {
        seen(api.statusBar);
        return api.statusBar.text === expected;
    });
}

async function brokenLinkDiagnosticAppears(): Promise<void> {
    const brokenLinks = planted.filter((p) => p.code === 'link-broken' && p.wikilinkTarget);
    check(brokenLinks.length > 0, 'PLANTED.md lists no broken wikilink');
    for (const problem of brokenLinks) {
        const editor = await open(problem.path);
        const diagnostic = await poll(`a link-broken diagnostic at ${problem.path}:${problem.line + 1}:${problem.character + 1}`, (seen) => {
            const diagnostics = vscode.languages.getDiagnostics(editor.document.uri);
            seen(diagnostics.map((d) => ({ code: codeOf(d), source: d.source, start: d.range.start })));
            return diagnostics.find(
                (d) => d.source === 'notelsp' && codeOf(d) === 'link-broken' && d.range.start.line === problem.line && d.range.start.character === problem.character,
            );
        });
        const underlined = editor.document.getText(diagnostic.range);
        check(underlined === problem.wikilinkTarget, `the diagnostic underlines "${underlined}", not the link target "${problem.wikilinkTarget}"`);
        check(diagnostic.severity === vscode.DiagnosticSeverity.Warning, `severity ${diagnostic.severity}, expected Warning`);
        check(/dobsonian_mounts|no note/i.test(diagnostic.message), `message does not say what is wrong: ${diagnostic.message}`);
    }
}

async function everyPlantedProblemIsShown(): Promise<void> {
    await expectDiagnostics('exactly the problems of PLANTED.md in the Problems panel', expectedFromPlanted());
}

async function wikilinkCompletionOffersNotes(): Promise<void> {
    const editor = await open('star_party_checklist.md');
    const document = editor.document;
    const end = document.lineAt(document.lineCount - 1).range.end;
    check(await editor.edit((b) => b.insert(end, '\nSee [[')), 'could not type into the note');
    const at = document.lineAt(document.lineCount - 1).range.end;
    try {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at, '[');
        // What accepting an item types: its insert text, else its label.
        const inserted = (item: vscode.CompletionItem) =>
            typeof item.insertText === 'string' ? item.insertText : item.insertText?.value ?? (typeof item.label === 'string' ? item.label : item.label.label);
        const moon = list.items.find((item) => /observing_the_moon/.test(inserted(item)));
        check(moon, `no completion item inserts observing_the_moon; items: ${describe(list.items.slice(0, 20).map((i) => ({ label: i.label, insert: inserted(i) })))}`);
        // Accept it as the suggest widget would: replace the item's range (or the word before the cursor) with its text.
        const range = moon.range instanceof vscode.Range ? moon.range : moon.range?.replacing ?? new vscode.Range(at, at);
        check(await editor.edit((b) => b.replace(range, inserted(moon))), 'could not accept the completion');
        const line = document.lineAt(document.lineCount - 1).text;
        check(/^See \[\[observing_the_moon(\]\])?$/.test(line), `after accepting, the line reads "${line}"`);
        // Every other note of the vault is offered somewhere in the list (by stem or path).
        const offered = list.items.map((i) => inserted(i).toLowerCase());
        const missing = noteFiles().filter((n) => n !== relativeOf(document.uri)).filter((n) => {
            const stem = path.posix.basename(n).replace(/\.(md|markdown)$/i, '').toLowerCase();
            return !offered.some((o) => o.includes(stem));
        });
        check(missing.length === 0, `notes not offered after [[: ${missing.join(', ')}`);
    } finally {
        await vscode.commands.executeCommand('workbench.action.files.revert');
    }
}

/**
 * Whether VS Code's suggest widget keeps an item for the typed word, approximately (its fuzzy filter): the typed letters
 * appear in order in the item's filterText (else its label), ignoring case, the first one at the start of a word.
 */
function keptByFilter(typed: string, item: vscode.CompletionItem): boolean {
    const text = item.filterText ?? (typeof item.label === 'string' ? item.label : item.label.label);
    const lower = text.toLowerCase();
    const wanted = typed.toLowerCase();
    for (let start = 0; start < lower.length; start++) {
        if (lower[start] !== wanted[0] || (start > 0 && /[a-z0-9]/i.test(text[start - 1]) && !/[a-z][A-Z]/.test(text.slice(start - 1, start + 1)))) continue;
        let at = start + 1;
        let matched = 1;
        while (matched < wanted.length && at < lower.length) {
            if (lower[at] === wanted[matched]) matched++;
            at++;
        }
        if (matched === wanted.length) return true;
    }
    return false;
}

async function typingATitleOrAnAliasFindsTheNote(): Promise<void> {
    const editor = await open('star_party_checklist.md');
    const document = editor.document;
    const end = document.lineAt(document.lineCount - 1).range.end;
    check(await editor.edit((b) => b.insert(end, '\nSee [[')), 'could not type into the note');
    const lineNumber = document.lineCount - 1;
    const typedStart = document.lineAt(lineNumber).range.end;
    const inserted = (item: vscode.CompletionItem) =>
        typeof item.insertText === 'string' ? item.insertText : item.insertText?.value ?? (typeof item.label === 'string' ? item.label : item.label.label);
    try {
        // The list VS Code gets when the user types [[: it filters that list locally as typing goes on, unless the
        // server marked it incomplete, when it asks again.
        const first = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, typedStart, '[');
        const cases: [string, string, string][] = [
            // Neither typed text is in the note's stem, so a list filtered on stems would not show the note.
            ['Messier ob', 'deep-sky/the_messier_catalogue.md', 'Messier objects'], // an alias
            ['Galil', 'planets/observing_jupiter_and_its_moons.md', 'Jupiter and the Galilean moons'], // a later word of a title
        ];
        for (const [typed, notePath, written] of cases) {
            const typedRange = new vscode.Range(typedStart, document.lineAt(lineNumber).range.end);
            check(await editor.edit((b) => b.replace(typedRange, typed)), 'could not type into the note');
            const at = document.lineAt(lineNumber).range.end;
            const list = first.isIncomplete
                ? await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at)
                : first;
            const shown = list.items.filter((item) => keptByFilter(typed, item));
            const item = shown.find((i) => i.detail === notePath);
            check(item, `typing [[${typed} does not offer ${notePath}; shown: ${describe(shown.slice(0, 10).map((i) => ({ label: i.label, filter: i.filterText, detail: i.detail })))}`);
            // Accepting replaces from the item's range start to where the cursor is now, as the suggest widget does.
            const itemRange = item.range instanceof vscode.Range ? item.range : item.range?.replacing ?? new vscode.Range(at, at);
            check(await editor.edit((b) => b.replace(new vscode.Range(itemRange.start, at), inserted(item))), 'could not accept the completion');
            const line = document.lineAt(lineNumber).text;
            check(line === `See [[${written}]]`, `after accepting, the line reads "${line}"`);
        }
    } finally {
        await vscode.commands.executeCommand('workbench.action.files.revert');
    }
}

async function goToDefinitionLandsInTarget(): Promise<void> {
    const editor = await open('planets/observing_jupiter_and_its_moons.md');
    const position = positionOf(editor.document, '[[planets/observing_log', 2 + 'planets/obs'.length);
    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('editor.action.revealDefinition');
    const target = uriOf('planets/observing_log.md');
    await poll('the editor to show planets/observing_log.md', (seen) => {
        const active = vscode.window.activeTextEditor?.document.uri;
        seen(active?.toString());
        return active?.fsPath === target.fsPath;
    });
}

async function severitySettingsApplyLive(): Promise<void> {
    const linkBrokenAs = (level: string | undefined) => (code: string, plantedSeverity: string) => (code === 'link-broken' ? level : plantedSeverity);
    await setWorkspaceSetting('severities', { 'link-broken': 'off' });
    await expectDiagnostics('link-broken turned off by notelsp.severities', expectedFromPlanted([], linkBrokenAs(undefined)));
    await setWorkspaceSetting('severities', { 'link-broken': 'error' });
    await expectDiagnostics('link-broken shown as errors', expectedFromPlanted([], linkBrokenAs('error')));
    await setWorkspaceSetting('severities', undefined);
    await expectDiagnostics('the planted severities back once the setting is removed', expectedFromPlanted());
}

async function ignoreSettingAppliesLive(): Promise<void> {
    const ignored = 'deep-sky/';
    const kept = noteFiles().filter((n) => !n.startsWith(ignored));
    check(kept.length < noteFiles().length, `the vault has no note under ${ignored}`);
    await setWorkspaceSetting('ignore', [`${ignored}**`]);
    await poll(`the status bar to count the ${kept.length} notes outside ${ignored}, with no problem shown under it`, (seen) => {
        const underIgnored = shownDiagnostics().filter((d) => d.path.startsWith(ignored));
        seen({ status: api.statusBar.text, underIgnored });
        return api.statusBar.text === `$(book) NoteLsp: ${kept.length} notes` && underIgnored.length === 0;
    });
    await setWorkspaceSetting('ignore', undefined);
    await poll(`the status bar to count all ${noteFiles().length} notes again`, (seen) => {
        seen(api.statusBar);
        return api.statusBar.text === `$(book) NoteLsp: ${noteFiles().length} notes`;
    });
    await expectDiagnostics('the planted problems once the ignore setting is removed', expectedFromPlanted(notesMoved));
}

async function restartCommandRestartsServer(): Promise<void> {
    const attempts = api.startAttempts;
    await vscode.commands.executeCommand('notelsp.restartServer');
    check(api.startAttempts === attempts + 1, `restart started ${api.startAttempts - attempts} servers`);
    const expected = `$(book) NoteLsp: ${noteFiles().length} notes`;
    await poll(`the status bar to read "${expected}" again`, (seen) => {
        seen(api.statusBar);
        return api.statusBar.text === expected;
    });
    await expectDiagnostics('the planted problems after the restart', expectedFromPlanted());
}

/** Set by test/run.sh when it installed a platform .vsix: the server inside it, the only notelsp there is. */
const bundledServer = process.env.NOTELSP_TEST_BUNDLED_SERVER;

async function serverIsTheBundledOne(): Promise<void> {
    const [pid, ...others] = serverPids();
    check(pid !== undefined && others.length === 0, `expected one server process, found ${describe(serverPids())}`);
    const program = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
    check(program === bundledServer, `the server runs ${program}, not the bundled ${bundledServer}`);
    const onPath = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== '' && fs.existsSync(path.join(dir, 'notelsp')));
    check(onPath.length === 0, `notelsp is on PATH in ${describe(onPath)}: the test would not show the bundled server works alone`);
}

/** The pids of the language servers this extension host started (Linux: read from /proc). */
function serverPids(): number[] {
    const pids: number[] = [];
    for (const entry of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
            const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
            const commandLine = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
            if (parent === process.pid && /notelsp/i.test(commandLine)) pids.push(Number(entry));
        } catch {
            // the process ended while we looked
        }
    }
    return pids;
}

async function crashedServerIsRestarted(): Promise<void> {
    const [pid, ...others] = serverPids();
    check(pid !== undefined && others.length === 0, `expected one server process, found ${describe(serverPids())}`);
    const messages = api.errorMessages.length;
    process.kill(pid, 'SIGKILL');
    const expected = `$(book) NoteLsp: ${noteFiles().length} notes`;
    await poll(`a new server and the status bar reading "${expected}"`, (seen) => {
        const now = serverPids();
        seen({ servers: now, status: api.statusBar.text });
        return now.length === 1 && now[0] !== pid && api.statusBar.text === expected;
    });
    check(api.errorMessages.length === messages, `a restarted crash showed an error: ${describe(api.errorMessages.slice(messages))}`);
    await expectDiagnostics('the planted problems from the restarted server', expectedFromPlanted());
}

async function crashLoopStopsWithOneMessage(): Promise<void> {
    // One crash is behind us (the test before); three more within three minutes are one too many.
    const messages = api.errorMessages.length;
    for (let crash = 2; crash <= 4; crash++) {
        const [pid] = serverPids();
        check(pid !== undefined, `no server process before crash ${crash}`);
        process.kill(pid, 'SIGKILL');
        if (crash < 4) {
            await poll(`the server restarted and indexed after crash ${crash}`, (seen) => {
                const now = serverPids();
                seen({ servers: now, status: api.statusBar.text });
                return now.length === 1 && now[0] !== pid && /NoteLsp: \d+ notes/.test(api.statusBar.text);
            });
        }
    }
    await poll('the status bar to show the failure', (seen) => {
        seen({ state: api.state, servers: serverPids() });
        return api.state.kind === 'failed' && serverPids().length === 0;
    });
    check(api.errorMessages.length === messages + 1, `${api.errorMessages.length - messages} error messages: ${describe(api.errorMessages.slice(messages))}`);
    check(/stopped 4 times/.test(api.errorMessages[messages]), `the message does not say what happened: ${api.errorMessages[messages]}`);

    // The status bar item restarts it (that is its command while it shows the failure).
    await vscode.commands.executeCommand('notelsp.restartServer');
    const expected = `$(book) NoteLsp: ${noteFiles().length} notes`;
    await poll(`the status bar to read "${expected}" after the restart`, (seen) => {
        seen(api.statusBar);
        return api.statusBar.text === expected;
    });
}

async function brokenServerGivesOneActionableMessage(): Promise<void> {
    // A server that exits at once: one message, no restart loop.
    const attempts = api.startAttempts;
    const messages = api.errorMessages.length;
    await setWorkspaceSetting('server.path', `"${process.execPath}" -e "process.exit(3)"`);
    await poll('the status bar to show the failure', (seen) => {
        seen(api.statusBar);
        return api.state.kind === 'failed' && api.statusBar.text.includes('$(error)');
    });
    // A crash loop would start again within milliseconds; give it a second to show up.
    await delay(1000);
    check(api.startAttempts === attempts + 1, `${api.startAttempts - attempts} start attempts for one broken server`);
    check(api.errorMessages.length === messages + 1, `${api.errorMessages.length - messages} error messages: ${describe(api.errorMessages.slice(messages))}`);
    check(/notelsp\.server\.path/.test(api.errorMessages[messages]), `the message does not name the setting: ${api.errorMessages[messages]}`);

    // A server that is not there at all: the message says what to install and which setting to set.
    await setWorkspaceSetting('server.path', path.join(vaultRoot, 'no-such-dir', 'notelsp'));
    await poll('a second failure', () => api.errorMessages.length === messages + 2 && api.state.kind === 'failed');
    const missing = api.errorMessages[messages + 1];
    check(/does not exist/.test(missing) && /dotnet tool install/.test(missing) && /notelsp\.server\.path/.test(missing), `not actionable: ${missing}`);

    // Back to the working server (from the machine settings): indexed again.
    await setWorkspaceSetting('server.path', undefined);
    const expected = `$(book) NoteLsp: ${noteFiles().length} notes`;
    await poll(`the status bar to read "${expected}" with the working server`, (seen) => {
        seen(api.statusBar);
        return api.statusBar.text === expected;
    });
}

/** Every mention of `name` in the vault's notes (in the sample vault a note's file name appears only in links to it). */
function mentions(name: string): { files: string[]; count: number } {
    const files: string[] = [];
    let count = 0;
    for (const file of noteFiles()) {
        const n = fs.readFileSync(uriOf(file).fsPath, 'utf8').split(name).length - 1;
        if (n > 0) files.push(file);
        count += n;
    }
    return { files, count };
}

async function movedFileKeepsItsLinks(): Promise<void> {
    // A file renamed outside the rename provider (the Explorer does exactly this): VS Code asks the server for the
    // link edits first (workspace/willRenameFiles).
    const from = 'star_party_checklist';
    const to = 'packing_for_the_dark'; // same length: the planted positions after it stay valid
    const before = mentions(from).count;
    check(before > 1, `the vault has ${before} links to ${from}`);
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(uriOf(`${from}.md`), uriOf(`${to}.md`));
    check(await vscode.workspace.applyEdit(edit), 'VS Code did not rename the file');
    check(await vscode.workspace.saveAll(false), 'saving the edited notes failed');
    await poll(`every link to ${from} renamed on disk`, (seen) => {
        const left = mentions(from);
        const renamed = mentions(to).count;
        seen({ [`links to ${from} in`]: left.files, [`links to ${to}`]: renamed, expected: before });
        return left.count === 0 && renamed === before;
    });
    notesMoved.push({ from: `${from}.md`, to: `${to}.md` });
    await expectDiagnostics('the planted problems only after the move', expectedFromPlanted(notesMoved));
}

async function renameNoteRenamesFileAndLinks(): Promise<void> {
    const from = 'aperture_and_light_gathering';
    const to = 'light_gathering_and_aperture'; // same length: the planted positions after it stay valid
    const before = mentions(from).count;
    check(before > 1, `the vault has ${before} links to ${from}`);

    const editor = await open('observing_the_moon.md');
    const position = positionOf(editor.document, `[[${from}#^light-grasp`, 2 + 4);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', editor.document.uri, position, to);
    check(edit && edit.size > 0, 'the rename provider returned no edit');
    check(await vscode.workspace.applyEdit(edit), 'VS Code did not apply the rename edit');
    // The notes open in editors are saved here; VS Code saves the others itself a moment later
    // (files.refactoring.autoSave): wait for the disk to show every link renamed.
    check(await vscode.workspace.saveAll(false), 'saving the edited notes failed');
    check(!fs.existsSync(uriOf(`${from}.md`).fsPath), `${from}.md still exists`);
    check(fs.existsSync(uriOf(`${to}.md`).fsPath), `${to}.md does not exist`);
    await poll(`every link to ${from} renamed on disk`, (seen) => {
        const left = mentions(from);
        const renamed = mentions(to).count;
        seen({ [`links to ${from} in`]: left.files, [`links to ${to}`]: renamed, expected: before });
        return left.count === 0 && renamed === before;
    });
    notesMoved.push({ from: `${from}.md`, to: `${to}.md` });
    await expectDiagnostics('the planted problems only (no new broken link) after the rename', expectedFromPlanted(notesMoved));
}

/** The checks of features.ts, on the vault as it is before any test renames a note. */
function featureTests(): [string, () => Promise<void>][] {
    const context: features.FeatureContext = { open, uriOf, poll: (what, probe) => poll(what, probe), mentions, noteFiles, describe };
    return [
        ['the title lens of a much-linked note counts its links and shows them', () => features.referenceLensShowsLinkCountAndOpensReferences(context)],
        ['the videoId lens counts the notes and moments citing the video', () => features.videoLensCountsNotesAndMoments(context)],
        ['the front matter and each heading section fold', () => features.foldingCoversFrontMatterAndSections(context)],
        ['semantic tokens mark a wikilink target', () => features.semanticTokensMarkWikilinkTargets(context)],
        ['hovering a yt-timestamp shows the moment and its video link', () => features.momentHoverShowsTheMomentAndItsVideo(context)],
        ['the refactor menu on a heading offers to extract its section into a new note', () => features.extractActionMovesASectionIntoANewNote(context)],
    ];
}

export async function run(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('no folder is open');
    vaultRoot = folder.uri.fsPath;
    planted = parsePlanted(fs.readFileSync(path.join(vaultRoot, '..', 'PLANTED.md'), 'utf8'));
    if (planted.length === 0) throw new Error('PLANTED.md beside the vault lists no problem');

    const tests: [string, () => Promise<void>][] = [
        ['the status bar shows the note count once indexed', statusShowsNoteCount],
        ...(bundledServer ? [['the server is the one bundled in the installed extension', serverIsTheBundledOne] as [string, () => Promise<void>]] : []),
        ['a broken link is diagnosed on the link target', brokenLinkDiagnosticAppears],
        ['the Problems panel holds exactly the planted problems', everyPlantedProblemIsShown],
        ['[[ completion offers the notes and inserts one', wikilinkCompletionOffersNotes],
        ['typing an alias or a word of a title after [[ offers the note', typingATitleOrAnAliasFindsTheNote],
        ['go to definition on [[planets/observing_log]] opens that note', goToDefinitionLandsInTarget],
        ...featureTests(),
        ['notelsp.severities applies live (off, error, removed)', severitySettingsApplyLive],
        ['notelsp.ignore applies live (re-indexed, count and problems follow)', ignoreSettingAppliesLive],
        ['NoteLsp: Restart server restarts and re-indexes', restartCommandRestartsServer],
        ['a crashed server is restarted without a message', crashedServerIsRestarted],
        ['a server that keeps crashing is stopped with one message; restart brings it back', crashLoopStopsWithOneMessage],
        ['a broken or missing server gives one actionable message, no restart loop', brokenServerGivesOneActionableMessage],
        ['a note file renamed outside the rename provider keeps its links', movedFileKeepsItsLinks],
        ['renaming a note renames its file and every link, leaving no broken link', renameNoteRenamesFileAndLinks],
    ];
    let passed = 0;
    let failed = 0;
    for (const [name, test] of tests) {
        const started = Date.now();
        try {
            await test();
            passed++;
            report(`ok - ${name} (${Date.now() - started} ms)`);
        } catch (error) {
            failed++;
            report(`not ok - ${name} (${Date.now() - started} ms)`);
            report(`    ${(error instanceof Error ? error.message : String(error)).replace(/\n/g, '\n    ')}`);
            if (!api) {
                // Nothing else can work without the extension: count the rest as failed, unrun.
                for (const [rest] of tests.slice(passed + failed)) {
                    failed++;
                    report(`not ok - ${rest} (not run: the extension did not activate)`);
                }
                break;
            }
        }
    }
    report(`vscode: ${passed} passed, ${failed} failed`);
    if (failed > 0) throw new Error(`${failed} of ${tests.length} tests failed`);
}
