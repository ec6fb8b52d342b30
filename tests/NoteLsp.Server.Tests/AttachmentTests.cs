using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>Links to files that are not notes (images, PDFs): fine when the vault has the file, link-broken when not.</summary>
public class AttachmentTests
{
    private const string Note = "See [[pic.png]] and [[missing.final]] and ![[gone.png]].\n"
        + "Also [x](img/pic.png) and [y](img/nope.png) and [z](img) and [r](docs/Report.PDF).\n"
        + "Hidden [[secret.png]] and ignored [[skip.png]].\n";

    private static TempVault Vault()
    {
        var vault = new TempVault(new Dictionary<string, string>
        {
            ["note.md"] = Note,
            [".notelsp.yml"] = "ignore: [\"build/**\"]\n",
        });
        // Bytes that are not text: the server must never need to read them.
        Directory.CreateDirectory(vault.PathOf("img"));
        File.WriteAllBytes(vault.PathOf("img/pic.png"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF, 0xFE]);
        vault.Write("docs/report.pdf", "%PDF-1.4");
        vault.Write(".hidden/secret.png", "x");
        vault.Write("build/skip.png", "x");
        return vault;
    }

    private static string Broken(string range, string message) => $$"""
        { "range": {{range}}, "severity": 2, "code": "link-broken", "source": "notelsp", "message": {{JsonSerializer.Serialize(message)}} }
        """;

    [Fact]
    public async Task A_link_to_an_existing_file_is_fine_and_a_file_like_target_that_matches_nothing_is_broken()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var published = await session.Inbox.WaitForDiagnostics(vault.Uri("note.md"), d => d.GetArrayLength() > 0);
        JsonAssert.Equal($"""
            [
              {Broken(TextAt.Json(Note, "missing.final"), "No note or file named \"missing.final\"")},
              {Broken(TextAt.Json(Note, "gone.png"), "No note or file named \"gone.png\"")},
              {Broken(TextAt.Json(Note, "img/nope.png"), "No file at \"img/nope.png\"")},
              {Broken(TextAt.Json(Note, "secret.png"), "No note or file named \"secret.png\"")},
              {Broken(TextAt.Json(Note, "skip.png"), "No note or file named \"skip.png\"")}
            ]
            """, published.Params.GetProperty("diagnostics"));
    }

    [Fact]
    public async Task A_file_created_or_deleted_on_disk_fixes_or_breaks_the_links_that_name_it()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("note.md");
        await session.Inbox.WaitForDiagnostics(uri, d => d.GetArrayLength() == 5);

        vault.Write("attachments/gone.png", "png");
        await session.Notify("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = vault.Uri("attachments/gone.png"), type = 1 } } });
        var fixedSet = await session.Inbox.WaitForDiagnostics(uri, d => d.GetArrayLength() == 4);
        Assert.DoesNotContain(fixedSet.Params.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("message").GetString()!.Contains("gone.png"));

        vault.Delete("img/pic.png");
        await session.Notify("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = vault.Uri("img/pic.png"), type = 3 } } });
        var broken = await session.Inbox.WaitForDiagnostics(uri, d => d.GetArrayLength() == 6);
        var messages = broken.Params.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("message").GetString()).ToList();
        Assert.Contains("No note or file named \"pic.png\"", messages);
        Assert.Contains("No file at \"img/pic.png\"", messages);
    }

    [Fact]
    public async Task Definition_of_a_link_to_a_file_opens_that_file()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault, Clients.Full);
        var uri = vault.Uri("note.md");
        await session.Open(uri, Note);
        var (line, start, _, _) = TextAt.Range(Note, "pic.png");
        var wiki = await session.Request("textDocument/definition", LspSession.At(uri, line, start + 1));
        var zero = JsonAssert.Range(0, 0, 0, 0);
        JsonAssert.Equal($$"""
            [{
              "targetUri": "{{vault.Uri("img/pic.png")}}",
              "targetRange": {{zero}},
              "targetSelectionRange": {{zero}},
              "originSelectionRange": {{TextAt.Json(Note, "pic.png")}}
            }]
            """, wiki);

        var (pdfLine, pdfStart, _, _) = TextAt.Range(Note, "docs/Report.PDF");
        var markdown = await session.Request("textDocument/definition", LspSession.At(uri, pdfLine, pdfStart + 1));
        Assert.Equal(vault.Uri("docs/report.pdf"), markdown[0].GetProperty("targetUri").GetString());
    }

    [Fact]
    public async Task An_attachment_is_never_opened_not_even_a_named_pipe_that_would_block_a_reader()
    {
        if (OperatingSystem.IsWindows()) return; // no mkfifo there
        const string text = "![[clip.png]] and [x](clip.png) and [[nowhere]]\n";
        using var vault = new TempVault(new Dictionary<string, string> { ["note.md"] = text });
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", vault.PathOf("clip.png"))) await mkfifo.WaitForExitAsync();
        // UTF-8 columns: converting a range in a file means reading its text, which would block on the pipe.
        await using var session = await LspSession.StartAsync(vault, Clients.Utf8);
        var uri = vault.Uri("note.md");
        var published = await session.Inbox.WaitForDiagnostics(uri, d => d.GetArrayLength() > 0);
        // Only the link to no note and no file; the pipe is a file of the vault.
        JsonAssert.Equal(TextAt.Json(text, "nowhere"), published.Params.GetProperty("diagnostics").EnumerateArray().Single().GetProperty("range"));
        // Bounded: a server that opened the pipe would never answer.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var definition = await session.Request("textDocument/definition", LspSession.At(uri, 0, 5), timeout.Token);
        Assert.Equal(vault.Uri("clip.png"), definition[0].GetProperty("targetUri").GetString());
        JsonAssert.Equal(JsonAssert.Range(0, 0, 0, 0), definition[0].GetProperty("targetRange"));
    }
}
