using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NoteLsp.Core.Parsing;

/// <summary>
/// YAML nested deeper than <see cref="MaxDepth"/> (mappings and lists inside each other) is refused while YamlDotNet's
/// event parser (a loop, not recursion) reads it, before anything that recurses per level sees it: YamlStream's
/// node builder overflows the stack on a 120 KB run of `[`, and YamlDotNet's scanner spends time proportional to the
/// depth on every token (15 s on 60,000 nested `{`). Stopping at the limit bounds both: the scanner has read at most
/// the limit's levels plus its 1,024-character look-ahead when the error is raised.
/// </summary>
internal sealed class YamlDepthGuard(IParser inner) : IParser
{
    /// <summary>No front matter or config needs more; a real one rarely goes past 5.</summary>
    public const int MaxDepth = 64;

    private int _depth;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext()) return false;
        switch (inner.Current)
        {
            case MappingStart or SequenceStart:
                if (++_depth > MaxDepth)
                {
                    throw new YamlTooDeepException(inner.Current.Start, inner.Current.End);
                }
                break;
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
        }
        return true;
    }
}

/// <summary>The YAML nests deeper than <see cref="YamlDepthGuard.MaxDepth"/> levels.</summary>
internal sealed class YamlTooDeepException(Mark start, Mark end)
    : YamlException(start, end, $"it nests lists and mappings more than {YamlDepthGuard.MaxDepth} levels deep, which is not read")
{
}
