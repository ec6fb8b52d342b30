using System.Text.Json;
using System.Text.Json.Nodes;

namespace NoteLsp.Server.Tests.Fixture;

/// <summary>Compares raw JSON structurally: property names, values and nesting must match exactly (order of properties aside).</summary>
public static class JsonAssert
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Equal(string expectedJson, JsonElement actual)
    {
        var expected = JsonNode.Parse(expectedJson);
        var actualNode = JsonNode.Parse(actual.GetRawText());
        if (!JsonNode.DeepEquals(expected, actualNode))
        {
            throw new Xunit.Sdk.XunitException($"JSON differs.\nExpected:\n{expected?.ToJsonString(Indented)}\nActual:\n{actualNode?.ToJsonString(Indented)}");
        }
    }

    /// <summary>A range as the wire has it.</summary>
    public static string Range(int startLine, int startCharacter, int endLine, int endCharacter) =>
        $$$"""{"start":{"line":{{{startLine}}},"character":{{{startCharacter}}}},"end":{"line":{{{endLine}}},"character":{{{endCharacter}}}}}""";

    public static (int, int, int, int) RangeOf(JsonElement range) => (
        range.GetProperty("start").GetProperty("line").GetInt32(),
        range.GetProperty("start").GetProperty("character").GetInt32(),
        range.GetProperty("end").GetProperty("line").GetInt32(),
        range.GetProperty("end").GetProperty("character").GetInt32());
}
