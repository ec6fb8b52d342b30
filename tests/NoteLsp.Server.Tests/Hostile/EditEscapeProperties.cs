using CsCheck;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests.Hostile;

/// <summary>
/// Issue 11.1 as a property: for random link targets made of climbs, separators, blanks, escapes, drive letters, device
/// names, Unicode and the names of the trap vault's skipped files, no quick fix on the broken link, no rename of a note to
/// that name and no link update for moving a note there proposes an edit that touches a path outside the vault, a file
/// that exists (unless it is an indexed note edited as text) or a file that is not a note of the index.
/// </summary>
public class EditEscapeProperties(TrapVault trap) : IClassFixture<TrapVault>
{
    private static readonly string[] Atoms =
    [
        "..", ".", "", " ", " .. ", "...", "%2e", "%2e%2e", "%2E.", ".%2e", "%252e%252e", "%2f", "%2F..", "%5c", "%00", "%",
        "\\", "..\\..", "C:", "c:\\", "//", "~", "con", "NUL.txt", "lpt1", "日本", "é", "e\u0301", "🙂", "\u200b", "\t",
        "x", "note", "alpha", "beta", "sub", "secret", "big", "dangling", "outlink", "escape", "folder", "drafts", "plan",
        ".hidden", "node_modules", "etc", "hosts", "target", new string('a', 260), string.Concat(Enumerable.Repeat("日", 90)),
    ];

    private static readonly Gen<string> Target =
        Gen.Select(
            Gen.OneOf("", "", "", "/", "//", "../", "./", "\\", "C:/", "/../"),
            Gen.OneOf(Atoms).Array[1, 6],
            Gen.OneOf("/", "/", "/", "\\", "", " / ").Array[6],
            Gen.OneOf("", "", ".md", ".MD", ".markdown", ".txt", "/"),
            (prefix, atoms, separators, suffix) =>
                prefix + string.Concat(atoms.Select((a, i) => i == 0 ? a : separators[i] + a)) + suffix);

    [Fact]
    public async Task No_edit_for_a_random_link_target_leaves_the_vault_or_touches_a_file_it_should_not()
    {
        var session = trap.Session;
        const string probePath = "sub/deep/probe.md";
        var probeUri = trap.Vault.Uri(probePath);
        var indexed = trap.IndexedNotes.Append(trap.Vault.PathOf(probePath)).ToList();
        var version = 0;
        await Target.SampleAsync(async target =>
        {
            // One broken link of each kind (a target that cannot be a link of that kind is plain text: no fix, fine),
            // and a link to alpha.md to rename.
            var text = $"[[{target}]]\n[m](<{target}.md>)\n[n]({target})\n[[alpha]]\n";
            version++;
            if (version == 1) await session.Open(probeUri, text, version);
            else await session.ChangeAll(probeUri, version, text);

            var actions = await session.Request("textDocument/codeAction", new
            {
                textDocument = new { uri = probeUri },
                range = LspSession.Range(0, 0, 3, 0),
                context = new { diagnostics = Array.Empty<object>() },
            });
            foreach (var action in actions.EnumerateArray())
            {
                EditSafety.AssertSafe(action.GetProperty("edit"), trap.Vault.Root, indexed, $"quick fix \"{action.GetProperty("title")}\" for {target}");
            }

            try
            {
                var rename = await session.Request("textDocument/rename", new { textDocument = new { uri = probeUri }, position = new { line = 3, character = 3 }, newName = target });
                EditSafety.AssertSafe(rename, trap.Vault.Root, indexed, $"rename alpha to {target}");
            }
            catch (StreamJsonRpc.RemoteInvocationException e)
            {
                Assert.Equal(-32803, e.ErrorCode); // refused with a reason, never an internal error
            }

            foreach (var newUri in new[] { trap.Vault.RootUri + "/" + target, trap.Vault.RootUri + "/" + Uri.EscapeDataString(target) })
            {
                var moved = await session.Request("workspace/willRenameFiles", new { files = new[] { new { oldUri = trap.Vault.Uri("alpha.md"), newUri } } });
                EditSafety.AssertSafe(moved, trap.Vault.Root, indexed, $"willRenameFiles alpha.md -> {newUri}");
            }
        }, iter: 300, threads: 1, print: t => $"\"{t}\"");
        await session.Close(probeUri);
    }
}
