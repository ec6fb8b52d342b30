using System.CommandLine;
using System.Text;
using NoteLsp.Cli;
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
                foreach (var error in parsed.Errors) Console.Error.WriteLine($"notelsp: {error.Message}");
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
            var stdio = new Option<bool>("--stdio") { Hidden = true };
            var clientProcessId = new Option<string?>("--clientProcessId") { Hidden = true };
            root.Options.Add(rootLog);
            root.Options.Add(stdio);
            root.Options.Add(clientProcessId);
            root.SetAction((result, cancellationToken) => StdioServer.RunAsync(result.GetValue(rootLog), cancellationToken));

            var server = new Command("server", "Run the language server on stdin/stdout (what an editor starts).");
            var serverLog = LogOption();
            server.Options.Add(serverLog);
            server.Options.Add(stdio);
            server.Options.Add(clientProcessId);
            server.SetAction((result, cancellationToken) => StdioServer.RunAsync(result.GetValue(serverLog), cancellationToken));
            root.Subcommands.Add(server);

            root.Subcommands.Add(CheckCommandLine());
            root.Subcommands.Add(VideosCommand.CommandLine());
            return root;
        }

        private static Option<string?> LogOption() => new("--log")
        {
            Description = "Write the server's log to this file (default: stderr).",
            HelpName = "FILE",
        };

        private static Command CheckCommandLine()
        {
            var check = new Command("check",
                "Check every note of a vault and print its problems. Exit status: 0 no error-severity problem, " +
                "1 at least one, 2 bad usage or an unusable folder.");
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
            check.Arguments.Add(directory);
            check.Options.Add(wanted);
            check.Options.Add(mentions);
            check.Options.Add(format);
            check.Options.Add(config);
            check.SetAction(result =>
            {
                // Up to one line per problem, and 100,000 notes may give 50,000 problems: buffer stdout.
                using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
                return CheckCommand.Run(result.GetValue(directory), result.GetValue(format), stdout, Console.Error, result.GetValue(config), result.GetValue(wanted), result.GetValue(mentions));
            });
            return check;
        }
    }
}
