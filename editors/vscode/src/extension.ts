import * as vscode from 'vscode';
import {
    CloseAction,
    CloseHandlerResult,
    DidChangeConfigurationNotification,
    ErrorAction,
    ErrorHandlerResult,
    LanguageClient,
    LanguageClientOptions,
    MessageSignature,
    RenameRequest,
    WorkspaceDiagnosticRequest,
    DocumentDiagnosticRequest,
    RevealOutputChannelOn,
    ServerOptions,
    State,
    StaticFeature,
    WorkDoneProgress,
    WorkDoneProgressCreateRequest,
} from 'vscode-languageclient/node';
import { bundledServerPath, installHint, realHost, resolveServer, ServerSettings } from './serverCommand';
import { forwardedSettings, notePatterns, RESTART_KEYS, SERVER_KEYS } from './settings';
import { afterProgress, ServerState, statusView } from './progress';
import { fileRenamesOf, PlannedFileRenames } from './renames';
import { isBrokenPipe } from './connectionErrors';
import { forDocumentPull, withRemovedDocuments } from './workspaceDiagnostics';
import { SHOW_REFERENCES_COMMAND, showReferencesArguments } from './references';
import * as fs from 'fs';

const SECTION = 'notelsp';
const CLIENT_ID = 'notelsp'; // also makes vscode-languageclient read `notelsp.trace.server`
const RESTART_COMMAND = 'notelsp.restartServer';
const SHOW_OUTPUT_COMMAND = 'notelsp.showOutput';

/** Crashes after a successful start are restarted, but no more than this many within CRASH_WINDOW_MS. */
const MAX_RESTARTS = 3;
const CRASH_WINDOW_MS = 3 * 60 * 1000;

/** What activate() returns: what the user sees, for the integration test (and other extensions). */
export interface NoteLspApi {
    readonly state: ServerState;
    /** The status bar item as shown. */
    readonly statusBar: { readonly text: string; readonly tooltip: string };
    /** Server starts asked for (first start, restarts by command, setting or crash). */
    readonly startAttempts: number;
    /** Every error message shown to the user, in order. */
    readonly errorMessages: readonly string[];
    readonly onDidChangeState: vscode.Event<ServerState>;
}

/** One server process and its client, from start to stop. */
interface Session {
    client: LanguageClient;
    /** Initialize succeeded: from then on a crash is restarted (a few times). */
    running: boolean;
    /** Stopped on purpose (restart, settings, deactivate): state changes are not failures. */
    stopping: boolean;
    /** Crashed and being restarted by the client: its passing Stopped state is not a failure. */
    restarting: boolean;
    /** When the server stopped unexpectedly after running, within CRASH_WINDOW_MS. */
    readonly crashes: number[];
}

let controller: NoteLspController | undefined;

/** A diagnostic collection that deletes instead of setting problems for a file: URI whose file does not exist. */
function withoutGoneFiles(collection: vscode.DiagnosticCollection): vscode.DiagnosticCollection {
    const gone = (uri: vscode.Uri) => uri.scheme === 'file' && !fs.existsSync(uri.fsPath);
    const set = (first: vscode.Uri | ReadonlyArray<[vscode.Uri, readonly vscode.Diagnostic[] | undefined]>, diagnostics?: readonly vscode.Diagnostic[]) => {
        if (first instanceof vscode.Uri) {
            if (gone(first)) collection.delete(first);
            else collection.set(first, diagnostics);
            return;
        }
        for (const [uri] of first) if (gone(uri)) collection.delete(uri);
        collection.set(first.filter(([uri]) => !gone(uri)));
    };
    return new Proxy(collection, {
        get: (target, property) => {
            if (property === 'set') return set;
            const value = Reflect.get(target, property, target);
            return typeof value === 'function' ? value.bind(target) : value;
        },
    });
}

/** False only for a file: document whose file is gone (renamed, moved or deleted); see forDocumentPull. */
function fileStillThere(param: unknown): boolean {
    const uri = (param as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
    if (typeof uri !== 'string') return true;
    const parsed = vscode.Uri.parse(uri);
    return parsed.scheme !== 'file' || fs.existsSync(parsed.fsPath);
}

export function activate(context: vscode.ExtensionContext): NoteLspApi {
    controller = new NoteLspController(context);
    context.subscriptions.push(controller);
    void controller.restart();
    return controller;
}

export async function deactivate(): Promise<void> {
    await controller?.stopServer();
}

class NoteLspController implements NoteLspApi, vscode.Disposable {
    private readonly output = vscode.window.createOutputChannel('NoteLsp', { log: true });
    private readonly statusItem = vscode.window.createStatusBarItem('notelsp.status', vscode.StatusBarAlignment.Left, 0);
    private readonly stateEmitter = new vscode.EventEmitter<ServerState>();
    private readonly disposables: vscode.Disposable[] = [];
    private session: Session | undefined;
    private notePatternsInUse: string[] = [];
    private lifecycle: Promise<void> = Promise.resolve();
    private currentState: ServerState = { kind: 'stopped' };
    private attempts = 0;
    private readonly shownErrors: string[] = [];
    /** The client's diagnostic collections (push and pull), so problems of renamed or deleted notes can be dropped. */
    private readonly diagnosticCollections = new Set<vscode.DiagnosticCollection>();

    readonly onDidChangeState = this.stateEmitter.event;

    constructor(private readonly context: vscode.ExtensionContext) {
        this.statusItem.name = 'NoteLsp';
        this.render();
        this.statusItem.show();
        this.disposables.push(
            this.output,
            this.statusItem,
            this.stateEmitter,
            vscode.commands.registerCommand(RESTART_COMMAND, () => this.restart()),
            vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => this.output.show(true)),
            vscode.commands.registerCommand(SHOW_REFERENCES_COMMAND, (...args: unknown[]) => {
                const converted = showReferencesArguments(args, {
                    uri: (text) => vscode.Uri.parse(text),
                    position: (line, character) => new vscode.Position(line, character),
                    location: (uri, start, end) => new vscode.Location(uri, new vscode.Range(start, end)),
                });
                if (converted) return vscode.commands.executeCommand('editor.action.showReferences', ...converted);
                return undefined;
            }),
            vscode.workspace.onDidChangeConfiguration((e) => this.configurationChanged(e)),
            vscode.workspace.onDidRenameFiles((e) => this.dropProblemsOf(e.files.map((f) => f.oldUri))),
            vscode.workspace.onDidDeleteFiles((e) => this.dropProblemsOf(e.files)),
        );
    }

    get state(): ServerState {
        return this.currentState;
    }

    get statusBar() {
        return { text: this.statusItem.text, tooltip: String(this.statusItem.tooltip ?? '') };
    }

    get startAttempts(): number {
        return this.attempts;
    }

    get errorMessages(): readonly string[] {
        return this.shownErrors;
    }

    /** Stops the running server (if any) and starts a new one; calls are queued, never interleaved. */
    restart(): Promise<void> {
        return this.queue(async () => {
            await this.stopClient();
            await this.startClient();
        });
    }

    stopServer(): Promise<void> {
        return this.queue(() => this.stopClient());
    }

    /** After deactivate(), which stops the server (VS Code waits for that, then disposes the subscriptions). */
    dispose(): void {
        for (const d of this.disposables) d.dispose();
    }

    private queue(step: () => Promise<void>): Promise<void> {
        const next = this.lifecycle.then(step, step);
        this.lifecycle = next.catch(() => undefined);
        return next;
    }

    private setState(state: ServerState): void {
        this.currentState = state;
        this.render();
        this.stateEmitter.fire(state);
    }

    private render(): void {
        const view = statusView(this.currentState);
        this.statusItem.text = view.text;
        this.statusItem.tooltip = view.tooltip;
        this.statusItem.backgroundColor = view.isError ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
        this.statusItem.command = view.isError ? RESTART_COMMAND : SHOW_OUTPUT_COMMAND;
    }

    private serverSettings(): ServerSettings {
        const config = vscode.workspace.getConfiguration(SECTION);
        const args = config.get<unknown>('server.args');
        return {
            path: config.get<string>('server.path') ?? '',
            args: Array.isArray(args) ? args.filter((a): a is string => typeof a === 'string') : [],
        };
    }

    /** The `notelsp` section as the server reads it (`.notelsp.yml` keys that the user wrote). */
    private settingsForServer(scopeUri?: string): Record<string, unknown> {
        const config = vscode.workspace.getConfiguration(SECTION, scopeUri ? vscode.Uri.parse(scopeUri) : undefined);
        return forwardedSettings((key) => config.inspect(key));
    }

    private currentNotePatterns(): string[] {
        return notePatterns(this.settingsForServer().extensions);
    }

    private async startClient(): Promise<void> {
        this.attempts++;
        const settings = this.serverSettings();
        const resolved = resolveServer(settings, realHost, bundledServerPath(this.context.extensionPath, process.platform));
        if (!resolved.ok) {
            this.output.appendLine(`Cannot start the server: ${resolved.problem}.`);
            this.fail(`cannot start the language server: ${resolved.problem}`, 'install');
            return;
        }
        this.setState({ kind: 'starting' });
        this.output.appendLine(`Starting ${[resolved.command, ...resolved.args].join(' ')}`);

        this.notePatternsInUse = this.currentNotePatterns();
        // The server's own runtime settings apply (server GC with dynamic adaptation, docs/benchmarks.md §5); the 16 MB
        // first generation this launcher used to set paid only with the workstation collector and costs memory now.
        const serverOptions: ServerOptions = { command: resolved.command, args: resolved.args };
        // The client is set right after it is created; none of the handlers below runs before that.
        const session: Session = { client: undefined as unknown as LanguageClient, running: false, stopping: false, restarting: false, crashes: [] };
        const crashes = session.crashes;
        const normalizeUri = (uri: string) => vscode.Uri.parse(uri).toString();
        const plannedRenames = new PlannedFileRenames(normalizeUri);
        const clientOptions: LanguageClientOptions = {
            // Markdown files, plus files of any other note extension the settings name.
            documentSelector: [
                { scheme: 'file', language: 'markdown' },
                ...this.notePatternsInUse.map((pattern) => ({ scheme: 'file', pattern })),
            ],
            outputChannel: this.output,
            // vscode-languageclient 10+ stops asking about a closed document in workspace pulls after one last
            // document pull, so problems of a renamed or deleted note would stay under its old path: these
            // collections drop them when the file goes, and never take problems for a file that is gone.
            diagnosticCollectionProvider: {
                create: (name) => {
                    const collection = withoutGoneFiles(vscode.languages.createDiagnosticCollection(name));
                    this.diagnosticCollections.add(collection);
                    return collection;
                },
                dispose: (collection) => {
                    this.diagnosticCollections.delete(collection);
                    collection.dispose();
                },
            },
            revealOutputChannelOn: RevealOutputChannelOn.Never,
            // Settings go to the server when it asks (workspace/configuration, right after `initialized`) and on
            // every change; not in initializationOptions, which the server layers under later changes, so a
            // setting removed later would linger there.
            middleware: {
                sendRequest: async <P, R>(
                    type: string | MessageSignature,
                    param: P | undefined,
                    token: vscode.CancellationToken | undefined,
                    next: (type: string | MessageSignature, param?: P, token?: vscode.CancellationToken) => Promise<R>,
                ): Promise<R> => {
                    const result = await next(type, param, token);
                    const method = typeof type === 'string' ? type : type.method;
                    if (method === RenameRequest.method) plannedRenames.remember(fileRenamesOf(result));
                    // See workspaceDiagnostics.ts: problems of deleted or renamed notes are cleared.
                    if (method === WorkspaceDiagnosticRequest.method) return withRemovedDocuments(param, result, normalizeUri) as R;
                    if (method === DocumentDiagnosticRequest.method) return forDocumentPull(result, fileStillThere(param)) as R;
                    return result;
                },
                workspace: {
                    // See renames.ts: the note rename already carries these link edits.
                    willRenameFiles: (event, next) =>
                        plannedRenames.takeIfPlanned(event.files.map((f) => ({ oldUri: f.oldUri.toString(), newUri: f.newUri.toString() })))
                            ? Promise.resolve(undefined)
                            : next(event),
                    configuration: async (params, token, next) => {
                        const answers = await next(params, token);
                        if (!Array.isArray(answers)) return answers;
                        return params.items.map((item, i) => (item.section === SECTION ? this.settingsForServer(item.scopeUri) : answers[i]));
                    },
                },
            },
            initializationFailedHandler: () => false,
            errorHandler: {
                // A server that dies breaks the pipe (write EPIPE) before its exit is seen: leave that to closed(),
                // which counts crashes; only a live server whose connection keeps failing is shut down.
                // The burst of failed writes to a server that just died (one per message in flight) is not counted:
                // under load it passed the limit before the close was seen, and the crash was not restarted.
                error: (error, _message, count): ErrorHandlerResult =>
                    !isBrokenPipe(error) && count !== undefined && count > 3 && session.running
                        ? { action: ErrorAction.Shutdown, handled: true }
                        : { action: ErrorAction.Continue, handled: true },
                closed: (): CloseHandlerResult => {
                    if (!session.running) return { action: CloseAction.DoNotRestart, handled: true };
                    const now = Date.now();
                    crashes.push(now);
                    while (crashes.length > 0 && now - crashes[0] > CRASH_WINDOW_MS) crashes.shift();
                    if (crashes.length <= MAX_RESTARTS) {
                        this.output.appendLine(`The server stopped unexpectedly; restarting it (${crashes.length} of ${MAX_RESTARTS}).`);
                        session.restarting = true;
                        this.setState({ kind: 'starting' });
                        return { action: CloseAction.Restart, handled: true };
                    }
                    return { action: CloseAction.DoNotRestart, handled: true };
                },
            },
        };

        const client = new LanguageClient(CLIENT_ID, 'NoteLsp', serverOptions, clientOptions);
        client.registerFeature(this.indexingProgressFeature(client));
        session.client = client;
        this.session = session;
        client.onDidChangeState((change) => {
            if (this.session !== session || session.stopping) return;
            if (change.newState === State.Running) {
                session.running = true;
                session.restarting = false;
                if (this.currentState.kind === 'starting') this.setState({ kind: 'ready' });
            } else if (change.newState === State.Stopped && !session.restarting) {
                this.fail(
                    session.running
                        ? `the language server stopped ${crashes.length} times within ${CRASH_WINDOW_MS / 60000} minutes and is not restarted again`
                        : 'the language server exited while starting',
                    'log',
                );
            }
        });
        try {
            await client.start();
        } catch (error) {
            if (this.session !== session || session.stopping) return;
            const reason = error instanceof Error ? error.message : String(error);
            this.output.appendLine(`Starting the server failed: ${reason}`);
            this.fail(`the language server failed to start (${reason})`, 'log');
        }
    }

    /**
     * Takes over the server's work-done progress (it reports indexing that way) to show it in the status bar. As a
     * client feature it is set up on every (re)start, after the client's own progress feature, whose handler of
     * window/workDoneProgress/create it replaces.
     */
    private indexingProgressFeature(client: LanguageClient): StaticFeature {
        return {
            fillClientCapabilities: (capabilities) => {
                (capabilities.window ??= {}).workDoneProgress = true;
            },
            initialize: () => {
                client.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
                    const progress = client.onProgress(WorkDoneProgress.type, token, (value) => {
                        if (this.session?.client !== client) return;
                        this.setState(afterProgress(this.currentState, value));
                        if (value.kind === 'end') progress.dispose();
                    });
                });
            },
            getState: () => ({ kind: 'static' }),
            clear: () => undefined,
        };
    }

    private async stopClient(): Promise<void> {
        const session = this.session;
        if (!session) return;
        session.stopping = true;
        this.session = undefined;
        const client = session.client;
        try {
            // A client still starting (e.g. restarting after a crash) cannot be stopped: let the start settle.
            if (client.state === State.Starting) await client.start().catch(() => undefined);
            if (client.state === State.Running) await client.stop(2000);
        } catch (error) {
            this.output.appendLine(`Stopping the server: ${error instanceof Error ? error.message : String(error)}`);
        }
        this.setState({ kind: 'stopped' });
    }

    /** Drops the problems shown for these files, and for every file under them (a renamed or deleted folder). */
    private dropProblemsOf(gone: readonly vscode.Uri[]): void {
        const prefixes = gone.map((uri) => uri.toString());
        for (const collection of this.diagnosticCollections) {
            const stale: vscode.Uri[] = [];
            collection.forEach((uri) => {
                const key = uri.toString();
                if (prefixes.some((prefix) => key === prefix || key.startsWith(prefix + '/'))) stale.push(uri);
            });
            for (const uri of stale) collection.delete(uri);
        }
    }

    /** Shows one error message for a start that failed or a server that stopped, and the failed status. */
    private fail(problem: string, help: 'install' | 'log'): void {
        if (this.currentState.kind === 'failed') return; // one message per failure, not one per symptom
        this.setState({ kind: 'failed', problem });
        const message =
            help === 'install'
                ? `NoteLsp ${problem}. ${installHint(String(this.context.extension.packageJSON.version ?? ''))}`
                : `NoteLsp: ${problem}. The NoteLsp log says why; check \`notelsp.server.path\`, then run "NoteLsp: Restart server".`;
        this.shownErrors.push(message);
        const openSettings = 'Open Settings';
        const showLog = 'Show Log';
        void vscode.window.showErrorMessage(message, openSettings, showLog).then((choice) => {
            if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettings', 'notelsp.server');
            else if (choice === showLog) this.output.show(true);
        });
    }

    private configurationChanged(event: vscode.ConfigurationChangeEvent): void {
        if (!event.affectsConfiguration(SECTION)) return;
        const restart =
            RESTART_KEYS.some((key) => event.affectsConfiguration(`${SECTION}.${key}`)) ||
            this.currentNotePatterns().join('\n') !== this.notePatternsInUse.join('\n');
        if (restart) {
            this.output.appendLine('The server settings changed: restarting the server.');
            void this.restart();
            return;
        }
        const client = this.session?.client;
        if (client?.state === State.Running && SERVER_KEYS.some((key) => event.affectsConfiguration(`${SECTION}.${key}`))) {
            void client.sendNotification(DidChangeConfigurationNotification.type, { settings: { [SECTION]: this.settingsForServer() } });
        }
    }
}
