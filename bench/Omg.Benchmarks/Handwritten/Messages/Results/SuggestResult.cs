using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>The answer to Suggest: <c>{"Suggest": ["name", ...]}</c>, best match first.</summary>
/// <param name="Names">Suggested package names.</param>
public sealed record SuggestResult(IReadOnlyList<string> Names) : ResponseResult
{
    /// <inheritdoc />
    public override string Variant => "Suggest";

    /// <inheritdoc />
    private protected override void WriteValue(ref MessagePackWriter writer) => FieldReader.WriteStringArray(ref writer, Names);
}
