using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests.Hostile;

/// <summary>
/// Issue 11.11: a file rename to a name the file system refuses (too long, a Windows device name) is refused with a
/// clear error before any edit, rather than handed to the client to half-apply.
/// </summary>
public class RefusedFileNameTests
{
    private const string Index = "See [[alpha]] and [md](alpha.md).\n";

    public static TheoryData<string, string> RefusedNames => new()
    {
        { new string('x', 300), "bytes long" },
        { new string('x', 253), "bytes long" }, // 256 bytes with ".md"
        { string.Concat(Enumerable.Repeat("日", 100)), "bytes long" }, // 300 UTF-8 bytes
        { string.Concat(Enumerable.Repeat("日", 85)), "bytes long" }, // 255 + ".md"
        { "CON", "reserved device name" },
        { "nul", "reserved device name" },
        { "aux", "reserved device name" },
        { "com1", "reserved device name" },
        { "LPT9", "reserved device name" },
        { "con.md", "reserved device name" }, // the extension is the note's own: "con"
        { "Con.tar", "reserved device name" }, // "Con.tar.md": Windows still opens the device
        { "prn .txt", "reserved device name" },
    };

    [Theory]
    [MemberData(nameof(RefusedNames))]
    public async Task A_file_rename_to_a_name_the_file_system_refuses_is_an_error_and_no_edit(string newName, string reason)
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["alpha.md"] = "# Alpha\n", ["index.md"] = Index });
        await using var session = await LspSession.StartAsync(vault);
        var (line, start, _, _) = TextAt.Range(Index, "alpha");
        var (code, message) = await Errors.CodeOf(() => session.Request("textDocument/rename", new
        {
            textDocument = new { uri = vault.Uri("index.md") },
            position = new { line, character = start + 1 },
            newName,
        }));
        Assert.Equal(-32803, code); // RequestFailed
        Assert.Contains(reason, message);
        Assert.Contains("alpha.md", message);
        Assert.Equal(["alpha.md", "index.md"], Directory.GetFiles(vault.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Index, vault.Read("index.md"));
    }

    [Theory]
    [InlineData(252)] // 255 bytes with ".md": the longest name there is
    [InlineData(84, "日")] // 252 + 3 bytes
    [InlineData(0, "console")] // a device name only in part
    [InlineData(0, "com10")]
    [InlineData(0, "lpt")]
    public async Task A_name_at_the_limit_or_merely_like_a_device_is_renamed_and_applied(int repeat, string unit = "a")
    {
        var newName = repeat == 0 ? unit : string.Concat(Enumerable.Repeat(unit, repeat));
        using var vault = new TempVault(new Dictionary<string, string> { ["alpha.md"] = "# Alpha\n", ["index.md"] = Index });
        await using var session = await LspSession.StartAsync(vault);
        var (line, start, _, _) = TextAt.Range(Index, "alpha");
        var edit = await session.Request("textDocument/rename", new
        {
            textDocument = new { uri = vault.Uri("index.md") },
            position = new { line, character = start + 1 },
            newName,
        });
        EditApplier.Apply(edit);
        Assert.True(vault.Exists(newName + ".md"));
        Assert.False(vault.Exists("alpha.md"));
        Assert.StartsWith($"See [[{newName}]]", vault.Read("index.md"));
    }
}
