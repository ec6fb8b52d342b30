using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text;
using NoteLsp.Cli;
using NoteLsp.Core.Cache;
using NoteLsp.Server;

return await NotelspProgram.MainAsync(args);

namespace NoteLsp.Cli
{
    /// <summary>The `notelsp` command line: the language server (default, or `server`) and `check`.</summary>
    public static class NotelspProgram
    {
        /// <summary>Exit status when notelsp itself failed (a bug), as opposed to finding problems (1) or bad usage (2).</summary>
        public const int ExitInternalError = 3;

        public static async Task<int> MainAsync(string[] args)
        {
            var root = BuildCommandLine();
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                // System.CommandLine's own error output, for its "Did you mean …?" suggestions; without the whole help.
                if (parsed.Action is ParseErrorAction errorAction)
                {
                    errorAction.ShowHelp = false;
                    errorAction.ShowTypoCorrections = true;
                    parsed.Invoke(new InvocationConfiguration { Output = Console.Error, Error = Console.Error });
                }
                else
                {
                    foreach (var error in parsed.Errors) Console.Error.WriteLine($"notelsp: {error.Message}");
                }
                Console.Error.WriteLine("Run 'notelsp --help' for usage.");
                return CheckCommand.ExitUsage;
            }
            try
            {
                // No default handler: it prints stack traces; ours below says what went wrong in one line.
                return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
            }
            catch (OperationCanceledException)
            {
                return 130; // interrupted (Ctrl+C), as shells report SIGINT
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"notelsp: internal error: {e.GetType().Name}: {e.Message}");
                return ExitInternalError;
            }
        }

        public static RootCommand BuildCommandLine()
        {
            var root = new RootCommand(
                "NoteLsp: a language server and a linter for wiki-style Markdown note vaults. " +
                "Without a command it runs the language server on stdin/stdout.");

            // vscode-languageclient passes --stdio and --clientProcessId to a stdio server: accept them quietly.
            var rootLog = LogOption();
            var rootLogLevel = LogLevelOption();
            var stdio = new Option<bool>("--stdio") { Hidden = true };
            var clientProcessId = new Option<string?>("--clientProcessId") { Hidden = true };
            root.Options.Add(rootLog);
            root.Options.Add(rootLogLevel);
            var rootCacheDir = CacheDirOption();
            var rootNoCache = NoCacheOption();
            root.Options.Add(stdio);
            root.Options.Add(clientProcessId);
            root.Options.Add(rootCacheDir);
            root.Options.Add(rootNoCache);
            root.SetAction((result, cancellationToken) =>
            {
                // Someone who typed `notelsp` in a shell sees a silent process waiting for LSP messages: say what it is.
                if (BareStartHint(stdinIsTerminal: !Console.IsInputRedirected) is { } hint) Console.Error.WriteLine(hint);
                return RunServer(result.GetValue(rootLog), result.GetValue(rootLogLevel),
                    NoteCache.ChooseDirectory(result.GetValue(rootNoCache), result.GetValue(rootCacheDir)), cancellationToken);
            });

            var server = new Command("server", "Run the language server on stdin/stdout (what an editor starts).");
            var serverLog = LogOption();
            var serverLogLevel = LogLevelOption();
            server.Options.Add(serverLog);
            server.Options.Add(serverLogLevel);
            var serverCacheDir = CacheDirOption();
            var serverNoCache = NoCacheOption();
            server.Options.Add(stdio);
            server.Options.Add(clientProcessId);
            server.Options.Add(serverCacheDir);
            server.Options.Add(serverNoCache);
            server.SetAction((result, cancellationToken) => RunServer(result.GetValue(serverLog), result.GetValue(serverLogLevel),
                NoteCache.ChooseDirectory(result.GetValue(serverNoCache), result.GetValue(serverCacheDir)), cancellationToken));
            root.Subcommands.Add(server);

            root.Subcommands.Add(CheckCommandLine());
            root.Subcommands.Add(VideosCommand.CommandLine());
            return root;
        }

        /// <summary>What `notelsp` started from a terminal says on stderr (nothing when an editor starts it).</summary>
        public static string? BareStartHint(bool stdinIsTerminal) => stdinIsTerminal
            ? "notelsp: this is a language server; it speaks LSP on stdin/stdout and waits for an editor's messages " +
              "(Ctrl+C to quit). To check a vault from the shell, run: notelsp check [DIR]   (notelsp --help for more)"
            : null;

        private static Task<int> RunServer(string? logFile, string? logLevel, string? cacheDirectory, CancellationToken cancellationToken)
        {
            ServerLogging.TryParseLevel(logLevel, out var level); // AcceptOnlyFromAmong has vetted the name
            return StdioServer.RunAsync(logFile, level, cancellationToken, cacheDirectory);
        }

        private static Option<string?> CacheDirOption() => new("--cache-dir")
        {
            Description = "Where parsed notes are kept between runs, one file per vault, never inside it (default: $NOTELSP_CACHE_DIR, else $XDG_CACHE_HOME/notelsp or ~/.cache/notelsp).",
            HelpName = "DIR",
        };

        private static Option<bool> NoCacheOption() => new("--no-cache")
        {
            Description = "Read and parse every note; neither read nor write the note cache.",
        };

        private static Option<string?> LogOption() => new("--log")
        {
            Description = "Write the server's log to this file (default: stderr).",
            HelpName = "FILE",
        };

        private static Option<string?> LogLevelOption()
        {
            var option = new Option<string?>("--log-level")
            {
                Description = "The least important messages the server's log keeps (default: information).",
                HelpName = string.Join('|', ServerLogging.LevelNames),
            };
            option.AcceptOnlyFromAmong(ServerLogging.LevelNames);
            return option;
        }

        private static Command CheckCommandLine()
        {
            var check = new Command("check",
                "Check every note of a vault and print its problems (paths relative to the current folder; for " +
                "--format github and sarif, to GITHUB_WORKSPACE when set). Colour on a terminal unless NO_COLOR is set. " +
                CheckCommand.ExitCodesHelp);
            var directory = new Argument<string?>("DIR")
            {
                Description = "The vault folder (default: the current folder).",
                Arity = ArgumentArity.ZeroOrOne,
            };
            var format = new Option<string>("--format", "-f")
            {
                Description = "Output format.",
                DefaultValueFactory = _ => "text",
                HelpName = "text|json|sarif|github",
            };
            format.AcceptOnlyFromAmong(CheckCommand.FormatNames);
            var config = new Option<string?>("--config", "-c")
            {
                Description = $"Config file to use instead of DIR/{Core.Config.NoteLspConfig.FileName}.",
                HelpName = "FILE",
            };
            var wanted = new Option<bool>("--wanted")
            {
                Description = "Instead of problems, list the notes links ask for that are not written yet, most linked to first (text or json).",
            };
            var mentions = new Option<bool>("--mentions")
            {
                Description = "Also report prose that names another note without linking to it (mention-unlinked).",
            };
            var maxWarnings = new Option<int?>("--max-warnings")
            {
                Description = "Exit 1 when there are more than N warnings (0: any broken link fails the build).",
                HelpName = "N",
            };
            maxWarnings.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int?>() is < 0) result.AddError("--max-warnings must be 0 or more.");
            });
            check.Arguments.Add(directory);
            check.Options.Add(wanted);
            check.Options.Add(mentions);
            check.Options.Add(format);
            check.Options.Add(config);
            check.Options.Add(maxWarnings);
            var cacheDir = CacheDirOption();
            var noCache = NoCacheOption();
            check.Options.Add(cacheDir);
            check.Options.Add(noCache);
            check.SetAction(result =>
            {
                CheckCommand.TryParseFormat(result.GetValue(format), out var checkFormat); // AcceptOnlyFromAmong has vetted it
                var settings = new CheckSettings
                {
                    Format = checkFormat,
                    ConfigFile = result.GetValue(config),
                    MaxWarnings = result.GetValue(maxWarnings),
                    GithubWorkspace = Environment.GetEnvironmentVariable("GITHUB_WORKSPACE"),
                    Color = Ansi.ShouldColor(!Console.IsOutputRedirected, Environment.GetEnvironmentVariable("NO_COLOR")),
                    Progress = !Console.IsErrorRedirected,
                    CacheDirectory = NoteCache.ChooseDirectory(result.GetValue(noCache), result.GetValue(cacheDir)),
                    PauseCollector = true,
                };
                // Up to one line per problem, and 100,000 notes may give 50,000 problems: buffer stdout.
                using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
                return CheckCommand.Run(result.GetValue(directory), settings with { Wanted = result.GetValue(wanted), Mentions = result.GetValue(mentions) }, stdout, Console.Error);
            });
            return check;
        }
    }
}
