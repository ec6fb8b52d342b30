using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;
using StreamJsonRpc;

namespace NoteLsp.Server.Tests.Hostile;

/// <summary>
/// Requests and notifications an editor should not send: unknown documents, impossible positions, broken changes,
/// bad names, wrong types. Each gets an answer (or a logged warning), never an internal error, and the server goes
/// on answering the next request correctly.
/// </summary>
public class HostileRequestTests
{
    private static readonly string[] PositionMethods =
    [
        "textDocument/hover", "textDocument/definition", "textDocument/references", "textDocument/completion",
        "textDocument/prepareRename",
    ];

    private static readonly string[] DocumentMethods = ["textDocument/documentSymbol", "textDocument/documentLink", "textDocument/diagnostic"];

    /// <summary>The answer, or the error code it got; an internal error (-32603) fails the test.</summary>
    private static async Task<(JsonElement? Result, int? Code)> Ask(LspSession session, string method, object parameters)
    {
        try
        {
            return (await session.Request(method, parameters), null);
        }
        catch (RemoteInvocationException e)
        {
            Assert.True(e.ErrorCode != -32603, $"{method} failed inside the server: {e.Message}");
            return (null, e.ErrorCode);
        }
        catch (RemoteMethodNotFoundException e)
        {
            // StreamJsonRpc's client raises this for -32601 and for -32602 alike.
            return (null, (int)e.ErrorCode);
        }
    }

    private static object Params(string method, string uri, int line, int character) => method switch
    {
        "textDocument/references" => new { textDocument = new { uri }, position = new { line, character }, context = new { includeDeclaration = true } },
        "textDocument/rename" => new { textDocument = new { uri }, position = new { line, character }, newName = "x" },
        _ => LspSession.At(uri, line, character),
    };

    public static TheoryData<string> UnknownUris => new()
    {
        "file:///nowhere/at/all.md",
        "untitled:Untitled-1",
        "file://%zz%/broken",
        "not a uri",
        "",
        "file:///" + new string('a', 5000) + ".md",
    };

    [Theory]
    [MemberData(nameof(UnknownUris))]
    public async Task Every_request_about_an_unknown_document_gets_an_empty_answer_or_a_clean_error(string uri)
    {
        using var vault = SampleVault.Create();
        var log = new LogSink();
        await using var session = await LspSession.StartAsync(vault, options: log.Options());
        foreach (var method in PositionMethods.Append("textDocument/rename"))
        {
            await Ask(session, method, Params(method, uri, 0, 0));
        }
        foreach (var method in DocumentMethods)
        {
            await Ask(session, method, new { textDocument = new { uri } });
        }
        await Ask(session, "textDocument/codeAction", new { textDocument = new { uri }, range = LspSession.Range(0, 0, 0, 0), context = new { diagnostics = Array.Empty<object>() } });
        await Alive.AssertStillServes(session, vault);
        Assert.Empty(log.Errors());
    }

    [Fact]
    public async Task A_closed_document_is_answered_from_the_disk()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("beta.md");
        await session.Open(uri, "# Beta Title\n\nNow links [[sub/gamma]] instead.\n");
        await session.Close(uri);
        var (line, character, _, _) = TextAt.Range(SampleVault.Beta, "alpha");
        var result = await session.Request("textDocument/definition", LspSession.At(uri, line, character + 1));
        Assert.Equal(vault.Uri("alpha.md"), result[0].GetProperty("targetUri").GetString());
    }

    public static TheoryData<int, int> ImpossiblePositions => new()
    {
        { -1, -1 },
        { 0, -5 },
        { -7, 3 },
        { 0, 1_000_000 },
        { 1_000_000, 0 },
        { int.MaxValue, int.MaxValue },
        { int.MinValue, int.MinValue },
    };

    [Theory]
    [MemberData(nameof(ImpossiblePositions))]
    public async Task Positions_past_the_end_or_negative_are_clamped_never_an_error(int line, int character)
    {
        using var vault = SampleVault.Create();
        var log = new LogSink();
        await using var session = await LspSession.StartAsync(vault, options: log.Options());
        foreach (var uri in new[] { vault.Uri("index.md"), vault.Uri("video.md") })
        {
            foreach (var method in PositionMethods) await Ask(session, method, Params(method, uri, line, character));
            await Ask(session, "textDocument/codeAction", new { textDocument = new { uri }, range = LspSession.Range(line, character, line, character), context = new { diagnostics = Array.Empty<object>() } });
        }
        await Alive.AssertStillServes(session, vault);
        Assert.Empty(log.Errors());
    }

    [Fact]
    public async Task A_position_past_the_end_of_the_last_line_lands_on_the_last_link()
    {
        // "Last [[beta]]" ends index.md with no line end: a cursor far past it is clamped onto the link's end.
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        var lastLine = SampleVault.Index.Split('\n').Length - 1;
        var result = await session.Request("textDocument/definition", LspSession.At(vault.Uri("index.md"), lastLine, 500));
        Assert.Equal(vault.Uri("beta.md"), result[0].GetProperty("targetUri").GetString());
    }

    [Fact]
    public async Task A_change_whose_range_is_out_of_bounds_is_clamped_applied_and_logged()
    {
        using var vault = SampleVault.Create();
        var log = new LogSink();
        await using var session = await LspSession.StartAsync(vault, options: log.Options());
        var uri = vault.Uri("beta.md");
        await session.Open(uri, "# Beta\n");
        // Far past the end: the text goes at the end, as clamping promises (the client's view of it is broken anyway).
        await session.Change(uri, 2, 40, 0, 45, 9, "\n## Added heading\n");
        await log.WaitForWarning("out of bounds");
        var symbols = await session.Request("textDocument/documentSymbol", new { textDocument = new { uri } });
        Assert.Equal(["Beta", "Added heading"], Names(symbols));
        // Start after end: swapped, not rejected.
        await session.Change(uri, 3, 0, 6, 0, 2, "Beta Two");
        symbols = await session.Request("textDocument/documentSymbol", new { textDocument = new { uri } });
        Assert.Equal("Beta Two", Names(symbols)[0]);
        await Alive.AssertStillServes(session, vault);
    }

    [Fact]
    public async Task A_change_whose_version_goes_backwards_is_applied_and_logged()
    {
        using var vault = SampleVault.Create();
        var log = new LogSink();
        await using var session = await LspSession.StartAsync(vault, options: log.Options());
        var uri = vault.Uri("beta.md");
        await session.Open(uri, "# One\n", version: 10);
        await session.Change(uri, 3, 0, 2, 0, 5, "Two");
        await log.WaitForWarning("version");
        var symbols = await session.Request("textDocument/documentSymbol", new { textDocument = new { uri } });
        Assert.Equal(["Two"], Names(symbols));
        await Alive.AssertStillServes(session, vault);
    }

    [Fact]
    public async Task An_edit_that_splits_an_emoji_in_two_loses_no_later_edit()
    {
        // A UTF-16 client may delete half of a surrogate pair; the lone half must not make the server drop the change.
        using var vault = SampleVault.Create();
        var log = new LogSink();
        await using var session = await LspSession.StartAsync(vault, options: log.Options());
        var uri = vault.Uri("smile.md");
        await session.Open(uri, "# Smile \uD83D\uDE00 face\n");
        await session.Change(uri, 2, 0, 9, 0, 10, "");
        await session.Change(uri, 3, 1, 0, 1, 0, "## Next\n");
        var symbols = Names(await session.Request("textDocument/documentSymbol", new { textDocument = new { uri } }));
        Assert.Equal(2, symbols.Count);
        Assert.StartsWith("Smile ", symbols[0]);
        Assert.DoesNotContain("\uD83D\uDE00", symbols[0]); // the deletion was applied, not dropped
        Assert.Equal("Next", symbols[1]);
        Assert.Empty(log.Errors());
    }

    [Fact]
    public async Task A_change_to_a_document_that_is_not_open_is_logged_and_ignored()
    {
        using var vault = SampleVault.Create();
        var log = new LogSink();
        await using var session = await LspSession.StartAsync(vault, options: log.Options());
        await session.Change(vault.Uri("alpha.md"), 2, 0, 0, 0, 0, "garbage ");
        await log.WaitForWarning("not open");
        var symbols = await session.Request("textDocument/documentSymbol", new { textDocument = new { uri = vault.Uri("alpha.md") } });
        Assert.Equal("Alpha", Names(symbols)[0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("../../etc/x")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\..\\..\\b")]
    [InlineData("C:\\Windows\\x")]
    [InlineData("x\ny")]
    [InlineData("[[x]]")]
    public async Task Rename_to_an_empty_or_path_like_name_is_refused_or_stays_inside_the_vault(string newName)
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        foreach (var (fragment, occurrence) in new[] { ("alpha", 0), ("Beta Title", 0), ("Section One", 0), ("Local", 1) })
        {
            var (line, character, _, _) = TextAt.Range(SampleVault.Index, fragment, occurrence);
            var (result, code) = await Ask(session, "textDocument/rename", new { textDocument = new { uri = vault.Uri("index.md") }, position = new { line, character = character + 1 }, newName });
            if (code is not null)
            {
                Assert.Equal(-32803, code);
                continue;
            }
            Assert.True(newName.Trim().Length > 0, $"renaming {fragment} to an empty name was accepted: {result}");
            foreach (var uri in UrisIn(result!.Value)) Assert.StartsWith(vault.RootUri + "/", uri);
        }
        await Alive.AssertStillServes(session, vault);
    }

    [Fact]
    public async Task Completion_on_line_0_of_an_empty_file_answers_a_list()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("empty.md");
        await session.Open(uri, "");
        var list = await session.Request("textDocument/completion", LspSession.At(uri, 0, 0));
        Assert.Equal(JsonValueKind.Array, list.GetProperty("items").ValueKind);
        await session.Change(uri, 2, 0, 0, 0, 0, "[[");
        list = await session.Request("textDocument/completion", LspSession.At(uri, 0, 2));
        Assert.Contains("alpha", list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("filterText").GetString()));
    }

    public static TheoryData<string, string> WrongTypes => new()
    {
        { "textDocument/hover", """{"textDocument":{"uri":42},"position":"here"}""" },
        { "textDocument/hover", """{"textDocument":"x","position":{"line":"one","character":0}}""" },
        { "textDocument/definition", """{"textDocument":{"uri":"file:///x.md"},"position":{"line":1.5,"character":0}}""" },
        { "textDocument/definition", """{"textDocument":{"uri":"file:///x.md"},"position":{"line":99999999999,"character":0}}""" },
        { "textDocument/completion", """[1,2,3]""" },
        { "textDocument/references", """{"textDocument":{"uri":"file:///x.md"},"position":{"line":0,"character":0},"context":{"includeDeclaration":"yes"}}""" },
        { "textDocument/rename", """{"textDocument":{"uri":"file:///x.md"},"position":{"line":0,"character":0},"newName":{"a":1}}""" },
        { "workspace/symbol", """{"query":["x"]}""" },
        { "textDocument/documentSymbol", """{"textDocument":[]}""" },
        { "textDocument/codeAction", """{"textDocument":{"uri":"file:///x.md"},"range":5,"context":{}}""" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task Wrong_parameter_types_are_invalid_params(string method, string json)
    {
        using var vault = SampleVault.Create();
        var log = new LogSink();
        await using var session = await LspSession.StartAsync(vault, options: log.Options());
        var (code, message) = await Errors.CodeOf(() => session.Request(method, JsonDocument.Parse(json).RootElement));
        Assert.True(code == -32602, $"{method} {json}: got {code} {message}");
        await Alive.AssertStillServes(session, vault);
        Assert.Empty(log.Errors());
    }

    public static TheoryData<string, string> MissingParts => new()
    {
        { "textDocument/hover", """{}""" },
        { "textDocument/hover", """{"textDocument":null,"position":null}""" },
        { "textDocument/definition", """{"textDocument":{"uri":null},"position":{"line":0,"character":0}}""" },
        { "textDocument/completion", """{"textDocument":{},"position":{}}""" },
        { "textDocument/rename", """{"textDocument":{"uri":"file:///x.md"},"position":{"line":0,"character":0}}""" },
        { "textDocument/documentLink", """{}""" },
        { "textDocument/codeAction", """{"textDocument":{"uri":"file:///x.md"}}""" },
        { "workspace/symbol", """{}""" },
        { "workspace/willRenameFiles", """{"files":[{"oldUri":null}]}""" },
        { "textDocument/diagnostic", """{}""" },
    };

    [Theory]
    [MemberData(nameof(MissingParts))]
    public async Task Missing_or_null_parameters_are_invalid_params_not_an_internal_error(string method, string json)
    {
        using var vault = SampleVault.Create();
        var log = new LogSink();
        await using var session = await LspSession.StartAsync(vault, options: log.Options());
        var (_, code) = await Ask(session, method, JsonDocument.Parse(json).RootElement);
        Assert.Equal(-32602, code);
        await log.WaitForWarning("Invalid params");
        await Alive.AssertStillServes(session, vault);
        Assert.Empty(log.Errors());
    }

    [Theory]
    [InlineData("textDocument/moniker")]
    [InlineData("$/somethingNew")]
    [InlineData("notelsp/launchMissiles")]
    [InlineData("TEXTDOCUMENT/HOVER")]
    public async Task Unknown_methods_are_method_not_found(string method)
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        var (code, _) = await Errors.CodeOf(() => session.Request(method, new { textDocument = new { uri = vault.Uri("index.md") } }));
        Assert.Equal(-32601, code);
        await Alive.AssertStillServes(session, vault);
    }

    public static TheoryData<string, string> BadNotifications => new()
    {
        { "textDocument/didOpen", """{"textDocument":{"uri":"file:///x.md","text":42}}""" },
        { "textDocument/didOpen", """{"textDocument":null}""" },
        { "textDocument/didOpen", """{}""" },
        { "textDocument/didChange", """{"textDocument":{"uri":"INDEX","version":2},"contentChanges":"x"}""" },
        { "textDocument/didChange", """{"textDocument":{"uri":"INDEX","version":2},"contentChanges":null}""" },
        { "textDocument/didChange", """{"textDocument":{"uri":"INDEX","version":2},"contentChanges":[{"range":{"start":{"line":0}},"text":null}]}""" },
        { "textDocument/didClose", """{"textDocument":{}}""" },
        { "workspace/didChangeWatchedFiles", """{"changes":null}""" },
        { "workspace/didChangeWatchedFiles", """{"changes":[{"uri":"INDEX","type":99}]}""" },
        { "workspace/didChangeConfiguration", """{"settings":{"notelsp":{"maxFileBytes":"lots","extensions":5}}}""" },
        { "workspace/didChangeWorkspaceFolders", """{"event":{"added":[{"uri":null}],"removed":null}}""" },
        { "workspace/didRenameFiles", """{"files":[{"oldUri":"INDEX"}]}""" },
        { "workspace/didDeleteFiles", """{"files":null}""" },
        { "$/cancelRequest", """{"id":"no such request"}""" },
        { "$/setTrace", """{"value":17}""" },
    };

    [Theory]
    [MemberData(nameof(BadNotifications))]
    public async Task Notifications_with_bad_params_are_logged_and_change_nothing(string method, string json)
    {
        using var vault = SampleVault.Create();
        var log = new LogSink();
        await using var session = await LspSession.StartAsync(vault, options: log.Options());
        var uri = vault.Uri("index.md");
        await session.Open(uri, SampleVault.Index);
        await session.Notify(method, JsonDocument.Parse(json.Replace("INDEX", uri)).RootElement);
        await Alive.AssertStillServes(session, vault);
        var symbols = await session.Request("textDocument/documentSymbol", new { textDocument = new { uri } });
        Assert.Equal("Home", Names(symbols)[0]);
        if (method == "workspace/didChangeConfiguration") await log.WaitForWarning("maxFileBytes");
        else if (method is not ("$/cancelRequest" or "$/setTrace" or "workspace/didChangeWatchedFiles")) await log.WaitForWarning(method);
    }

    private static List<string> Names(JsonElement symbols) => symbols.EnumerateArray().SelectMany(Flatten).ToList();

    private static IEnumerable<string> Flatten(JsonElement symbol)
    {
        yield return symbol.GetProperty("name").GetString()!;
        if (symbol.TryGetProperty("children", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(Flatten)) yield return child;
        }
    }

    /// <summary>Every URI a workspace edit touches (text edits, creates, renames).</summary>
    private static IEnumerable<string> UrisIn(JsonElement edit)
    {
        if (edit.ValueKind != JsonValueKind.Object) yield break;
        if (edit.TryGetProperty("changes", out var changes))
        {
            foreach (var property in changes.EnumerateObject()) yield return property.Name;
        }
        if (edit.TryGetProperty("documentChanges", out var documentChanges))
        {
            foreach (var change in documentChanges.EnumerateArray())
            {
                foreach (var name in new[] { "uri", "oldUri", "newUri" })
                {
                    if (change.TryGetProperty(name, out var value)) yield return value.GetString()!;
                }
                if (change.TryGetProperty("textDocument", out var document)) yield return document.GetProperty("uri").GetString()!;
            }
        }
    }
}
