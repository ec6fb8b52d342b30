using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests.Hostile;

public static class Alive
{
    /// <summary>[[alpha]] in index.md still leads to alpha.md: the proof that the server is alive and its state sane.</summary>
    public static async Task AssertStillServes(LspSession session, TempVault vault)
    {
        var (line, character, _, _) = TextAt.Range(SampleVault.Index, "alpha");
        var result = await session.Request("textDocument/definition", LspSession.At(vault.Uri("index.md"), line, character + 1));
        Assert.Equal(vault.Uri("alpha.md"), result[0].GetProperty("targetUri").GetString());
    }

}
