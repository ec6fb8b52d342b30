using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class CalloutCompletionTests
{
    [Fact]
    public async Task After_a_quote_and_bracket_bang_the_usual_types_come_then_the_vault_types_most_used_first()
    {
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["a.md"] = "> [!recipe] Soup\n> salt\n\n> [!Recipe]\n\n> [!tip]\n",
            ["b.md"] = "> [!question]\n> [!not-a-second-callout]\n\n> [!faq]+ Why\n",
        });
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("new.md");
        await session.Open(uri, "> [!re]");
        var list = await session.Request("textDocument/completion", new
        {
            textDocument = new { uri },
            position = new { line = 0, character = 6 },
            context = new { triggerKind = 2, triggerCharacter = "!" },
        });
        var items = list.GetProperty("items");
        Assert.False(list.GetProperty("isIncomplete").GetBoolean());
        Assert.Equal(
            ["note", "abstract", "info", "todo", "tip", "success", "question", "warning", "failure", "danger", "bug", "example", "quote", "recipe", "faq"],
            items.EnumerateArray().Select(i => i.GetProperty("label").GetString()));
        // The typed "re" is replaced; the "]" already there is kept, not doubled.
        JsonAssert.Equal($$"""
            { "label": "recipe", "kind": 14, "detail": "callout used 2 times in the vault", "sortText": "0013",
              "textEdit": { "range": {{JsonAssert.Range(0, 4, 0, 6)}}, "newText": "recipe" } }
            """, items[13]);
        JsonAssert.Equal($$"""{ "range": {{JsonAssert.Range(0, 4, 0, 6)}}, "newText": "note" }""", items[0].GetProperty("textEdit"));
    }

    [Fact]
    public async Task Without_a_closing_bracket_the_type_closes_the_header_and_outside_a_quote_nothing_is_offered()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["a.md"] = "text\n" });
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("new.md");
        await session.Open(uri, "> > [!\nnot [!\n");
        var nested = await session.Request("textDocument/completion", new { textDocument = new { uri }, position = new { line = 0, character = 6 } });
        JsonAssert.Equal($$"""{ "range": {{JsonAssert.Range(0, 6, 0, 6)}}, "newText": "note]" }""", nested.GetProperty("items")[0].GetProperty("textEdit"));

        var plain = await session.Request("textDocument/completion", new { textDocument = new { uri }, position = new { line = 1, character = 6 } });
        Assert.Equal(0, plain.GetProperty("items").GetArrayLength());
    }
}
