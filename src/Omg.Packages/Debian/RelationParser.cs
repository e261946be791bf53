using System.Runtime.CompilerServices;

namespace Omg.Packages.Debian;

/// <summary>
/// Parses relationship fields (Depends, Pre-Depends, Recommends, Suggests, Provides): comma-separated groups
/// of <c>|</c>-separated alternatives <c>name[:arch] [(op version)] [[archs]] [&lt;profiles&gt;]</c>. Folded
/// lines are whitespace. Unparseable alternatives are dropped rather than failing the package.
/// </summary>
internal static class RelationParser
{
    private static readonly System.Buffers.SearchValues<byte> NameEnd = System.Buffers.SearchValues.Create(" \t\r\n([<"u8);

    /// <summary>Every group with its alternatives.</summary>
    public static List<Relation[]> ParseGroups(ReadOnlySpan<byte> value, NamePool pool)
    {
        var groups = new List<Relation[]>();
        var alternatives = new List<Relation>(2);
        foreach (var groupRange in value.Split((byte)','))
        {
            alternatives.Clear();
            var group = value[groupRange];
            foreach (var altRange in group.Split((byte)'|'))
            {
                if (TryParse(group[altRange], pool, out var relation))
                {
                    alternatives.Add(relation);
                }
            }

            if (alternatives.Count > 0)
            {
                groups.Add([.. alternatives]);
            }
        }

        return groups;
    }

    /// <summary>The first alternative's name of each group, without versions (what the record's Depends shows).</summary>
    public static void AddFirstNames(ReadOnlySpan<byte> value, NamePool pool, List<string> names)
    {
        foreach (var groupRange in value.Split((byte)','))
        {
            var group = value[groupRange];
            var bar = group.IndexOf((byte)'|');
            if (!TryParseName(bar < 0 ? group : group[..bar], out var name, out _))
            {
                continue;
            }

            var colon = name.IndexOf((byte)':');
            var pooled = pool.Get(colon < 0 ? name : name[..colon]);
            if (!names.Contains(pooled))
            {
                names.Add(pooled);
            }
        }
    }

    /// <summary>Parses one alternative.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, NamePool pool, out Relation relation)
    {
        relation = default;
        if (!TryParseName(text, out var name, out var rest))
        {
            return false;
        }

        string? qualifier = null;
        var colon = name.IndexOf((byte)':');
        if (colon >= 0)
        {
            qualifier = pool.Get(name[(colon + 1)..]);
            name = name[..colon];
        }

        var op = RelationOperator.None;
        string? version = null;
        rest = rest.TrimStart(" \t\r\n"u8);
        if (!rest.IsEmpty && rest[0] == (byte)'(')
        {
            var close = rest.IndexOf((byte)')');
            var inner = (close < 0 ? rest[1..] : rest[1..close]).Trim(" \t\r\n"u8);
            var opLength = 0;
            while (opLength < inner.Length && inner[opLength] is (byte)'<' or (byte)'>' or (byte)'=')
            {
                opLength++;
            }

            op = inner[..opLength] switch
            {
                var o when o.SequenceEqual("<<"u8) => RelationOperator.Less,
                var o when o.SequenceEqual("<="u8) || o.SequenceEqual("<"u8) => RelationOperator.LessOrEqual,
                var o when o.SequenceEqual("="u8) => RelationOperator.Equal,
                var o when o.SequenceEqual(">="u8) || o.SequenceEqual(">"u8) => RelationOperator.GreaterOrEqual,
                var o when o.SequenceEqual(">>"u8) => RelationOperator.Greater,
                _ => RelationOperator.None,
            };
            var operand = inner[opLength..].Trim(" \t\r\n"u8);
            if (op == RelationOperator.None || operand.IsEmpty)
            {
                return false;
            }

            version = pool.Get(operand);
        }

        relation = new Relation(pool.Get(name), qualifier, op, version);
        return true;
    }

    // The name runs to the first whitespace or '(' / '[' / '<'.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseName(ReadOnlySpan<byte> text, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> rest)
    {
        var start = 0;
        while (start < text.Length && text[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        text = text[start..];
        var end = text.IndexOfAny(NameEnd);
        name = end < 0 ? text : text[..end];
        rest = end < 0 ? default : text[end..];
        return !name.IsEmpty;
    }
}
