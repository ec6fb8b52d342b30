namespace NoteLsp.Core.Text;

/// <summary>
/// An Aho–Corasick automaton over a set of keys: one pass over a text finds every occurrence of every key, however many
/// keys there are (unlinked mentions look for 100,000 note names in one note). The trie is stored as parallel arrays
/// (first child, next sibling, character) rather than a dictionary per node: about 17 bytes a key character.
/// </summary>
public sealed class AhoCorasick
{
    private const int Root = 0;

    private readonly int[] _firstChild;
    private readonly int[] _nextSibling;
    private readonly char[] _character;
    private readonly int[] _fail;

    /// <summary>The key ending at a node (-1 for none), and the nearest node on its failure chain where one ends.</summary>
    private readonly int[] _output;
    private readonly int[] _nextOutput;

    /// <summary>The keys, in the order given; a match reports an index into it.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>Builds the automaton; empty keys are ignored, a repeated key matches under its first index.</summary>
    public AhoCorasick(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        Keys = keys;
        var order = Enumerable.Range(0, keys.Count).Where(i => keys[i].Length > 0).ToArray();
        // Equal keys by index, so a repeated key's first index is the one its node reports (Array.Sort is not stable).
        Array.Sort(order, (a, b) => string.CompareOrdinal(keys[a], keys[b]) is var byKey and not 0 ? byKey : a.CompareTo(b));
        // The nodes: the root, then for each key in sorted order its characters past the prefix it shares with the key
        // before it. Counted first, so every array is made once at its size: grown as lists, the trie of 100,000 notes'
        // names left about 75 MB of large arrays behind for the collector.
        var nodes = 1;
        var previous = "";
        foreach (var index in order)
        {
            nodes += keys[index].Length - CommonPrefix(keys[index], previous);
            previous = keys[index];
        }
        _firstChild = new int[nodes];
        _nextSibling = new int[nodes];
        _character = new char[nodes];
        _output = new int[nodes];
        var lastChild = new int[nodes];
        Array.Fill(_firstChild, -1);
        Array.Fill(_nextSibling, -1);
        Array.Fill(_output, -1);
        Array.Fill(lastChild, -1);
        // In sorted order a key shares its prefix with the previous key, and new nodes only ever hang off that path,
        // as each node's last child: the trie is built without any look-up.
        var path = new List<int> { Root };
        var added = 1;
        previous = "";
        foreach (var index in order)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = keys[index];
            var common = CommonPrefix(key, previous);
            path.RemoveRange(common + 1, path.Count - common - 1);
            for (var i = common; i < key.Length; i++)
            {
                var parent = path[^1];
                var node = added++;
                _character[node] = key[i];
                if (lastChild[parent] < 0) _firstChild[parent] = node;
                else _nextSibling[lastChild[parent]] = node;
                lastChild[parent] = node;
                path.Add(node);
            }
            if (_output[path[^1]] < 0) _output[path[^1]] = index;
            previous = key;
        }
        _fail = new int[_firstChild.Length];
        _nextOutput = new int[_firstChild.Length];
        _nextOutput[Root] = -1;

        // Failure links breadth first: a node's link is the longest proper suffix of its path that is in the trie.
        var queue = new Queue<int>(nodes);
        for (var child = _firstChild[Root]; child >= 0; child = _nextSibling[child])
        {
            _fail[child] = Root;
            _nextOutput[child] = -1;
            queue.Enqueue(child);
        }
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            for (var child = _firstChild[node]; child >= 0; child = _nextSibling[child])
            {
                var c = _character[child];
                var fallback = _fail[node];
                int next;
                while ((next = Child(fallback, c)) < 0 && fallback != Root) fallback = _fail[fallback];
                _fail[child] = next >= 0 ? next : Root;
                var target = _fail[child];
                _nextOutput[child] = _output[target] >= 0 ? target : _nextOutput[target];
                queue.Enqueue(child);
            }
        }
    }

    private static int CommonPrefix(string key, string previous) => key.AsSpan().CommonPrefixLength(previous);

    /// <summary>Nodes in the trie (the root included): its size, for the benchmarks' memory figures.</summary>
    public int NodeCount => _firstChild.Length;

    private int Child(int node, char c)
    {
        for (var child = _firstChild[node]; child >= 0; child = _nextSibling[child])
        {
            if (_character[child] == c) return child;
        }
        return -1;
    }

    /// <summary>Every occurrence of every key in the text, as (key index, end offset), in order of end.</summary>
    public void FindAll(ReadOnlySpan<char> text, List<(int Key, int End)> matches)
    {
        var state = Root;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int next;
            while ((next = Child(state, c)) < 0 && state != Root) state = _fail[state];
            state = next >= 0 ? next : Root;
            for (var node = _output[state] >= 0 ? state : _nextOutput[state]; node >= 0; node = _nextOutput[node])
            {
                matches.Add((_output[node], i + 1));
            }
        }
    }
}
