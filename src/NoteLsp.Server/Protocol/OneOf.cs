using System.Text.Json;
using System.Text.Json.Serialization;

namespace NoteLsp.Server.Protocol;

/// <summary>
/// An LSP `A | B` answer: exactly one of two shapes, written on the wire as that shape itself (no wrapper, no
/// discriminator). Replaces `object` so a handler's signature says what it may answer. Server → client only.
/// </summary>
[JsonConverter(typeof(OneOfConverterFactory))]
public sealed class OneOf<TFirst, TSecond>
    where TFirst : notnull
    where TSecond : notnull
{
    private OneOf(object value) => Value = value;

    /// <summary>The one value held: a <typeparamref name="TFirst"/> or a <typeparamref name="TSecond"/>.</summary>
    public object Value { get; }

    public static OneOf<TFirst, TSecond> First(TFirst value) => new(value);

    public static OneOf<TFirst, TSecond> Second(TSecond value) => new(value);

    public static implicit operator OneOf<TFirst, TSecond>(TFirst value) => new(value);

    public static implicit operator OneOf<TFirst, TSecond>(TSecond value) => new(value);
}

internal sealed class OneOfConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(OneOf<,>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OneOfConverter<,>).MakeGenericType(typeToConvert.GetGenericArguments()))!;

    private sealed class OneOfConverter<TFirst, TSecond> : JsonConverter<OneOf<TFirst, TSecond>>
        where TFirst : notnull
        where TSecond : notnull
    {
        public override OneOf<TFirst, TSecond> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("OneOf is only written: the server never reads these unions back.");

        // Written as the declared alternative it holds, exactly as the bare value would be.
        public override void Write(Utf8JsonWriter writer, OneOf<TFirst, TSecond> value, JsonSerializerOptions options)
        {
            if (value.Value is TFirst first) JsonSerializer.Serialize(writer, first, options);
            else JsonSerializer.Serialize(writer, (TSecond)value.Value, options);
        }
    }
}
