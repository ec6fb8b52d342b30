using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace NoteLsp.Server.Transport;

/// <summary>
/// System.Text.Json leaves a property the client left out (or sent as null) null even where our protocol records say
/// it cannot be, and a handler would then fail deep inside with a NullReferenceException (an internal error for a
/// request, a silently dropped notification). This check walks the params once, before any work, and names the first
/// missing member, so a request gets -32602 Invalid params and a notification a warning in the log.
/// </summary>
internal static class RequiredParams
{
    private const int MaxDepth = 8;

    private static readonly NullabilityInfoContext Nullability = new();
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, bool Required)[]> Properties = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first missing member ("textDocument.uri").</summary>
    public static void Check(object? parameters)
    {
        if (parameters is null) throw new ArgumentException("the params are missing");
        Walk(parameters, "", 0);
    }

    private static void Walk(object value, string path, int depth)
    {
        if (depth > MaxDepth) return;
        if (value is IEnumerable list and not string)
        {
            var index = 0;
            foreach (var item in list)
            {
                var itemPath = $"{path}[{index++}]";
                if (item is null) throw new ArgumentException($"{itemPath} is null");
                Walk(item, itemPath, depth + 1);
            }
            return;
        }
        if (!IsProtocolType(value.GetType())) return;
        foreach (var (property, required) in PropertiesOf(value.GetType()))
        {
            var memberPath = path.Length == 0 ? CamelCase(property.Name) : path + "." + CamelCase(property.Name);
            var member = property.GetValue(value);
            if (member is null)
            {
                if (required) throw new ArgumentException($"{memberPath} is missing");
                continue;
            }
            Walk(member, memberPath, depth + 1);
        }
    }

    private static bool IsProtocolType(Type type) => type.Namespace == typeof(Protocol.LspPosition).Namespace && type.IsClass;

    private static (PropertyInfo, bool)[] PropertiesOf(Type type) => Properties.GetOrAdd(type, static t =>
    {
        lock (Nullability)
        {
            return t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
                .Where(p => !p.PropertyType.IsValueType)
                .Select(p => (p, Nullability.Create(p).ReadState == NullabilityState.NotNull))
                .ToArray();
        }
    });

    private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
