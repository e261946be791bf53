using System.Collections;

namespace Omg.Packages.Debian;

/// <summary>
/// The first-alternative names of a version's Pre-Depends and Depends, as a record's Depends shows them,
/// parsed from the fields' text when first read. Only Info shows them, one package at a time; parsing them
/// for every record of a build (275k names) was over a third of the records' CPU time (docs/benchmarks.md).
/// </summary>
internal sealed class RelationNames : IReadOnlyList<string>
{
    private readonly ReadOnlyMemory<byte> _text;
    private string[]? _names;

    private RelationNames(ReadOnlyMemory<byte> text) => _text = text;

    /// <inheritdoc/>
    public int Count => Names.Length;

    // Two first reads at once may both parse: they make equal arrays and either one is kept.
    private string[] Names => _names ??= Parse(_text.Span);

    /// <inheritdoc/>
    public string this[int index] => Names[index];

    /// <summary>The names of <paramref name="preDepends"/> then <paramref name="depends"/>, kept in <paramref name="arena"/> until read.</summary>
    public static IReadOnlyList<string> Of(ReadOnlySpan<byte> preDepends, ReadOnlySpan<byte> depends, ByteArena arena) =>
        preDepends.IsEmpty && depends.IsEmpty ? [] : new RelationNames(arena.KeepJoined(preDepends, depends));

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)Names).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string[] Parse(ReadOnlySpan<byte> text)
    {
        var names = new List<string>();
        RelationParser.AddFirstNames(text, new NamePool(), names);
        return [.. names];
    }
}
