using System.Text;
using System.Runtime.CompilerServices;

namespace Omg.Packages.Debian;

/// <summary>Helpers that turn deb822 field values into text.</summary>
internal static class Deb822Text
{
    /// <summary>The name in a <c>Source</c> field (<c>NAME</c> or <c>NAME (VERSION)</c>), trimmed; empty when the field is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlySpan<byte> SourceNamePart(ReadOnlySpan<byte> source)
    {
        var paren = source.IndexOf((byte)'(');
        return (paren < 0 ? source : source[..paren]).Trim(" \t"u8);
    }

    /// <summary>The first line of a value (the synopsis of a Description), trimmed.</summary>
    public static ReadOnlySpan<byte> FirstLine(ReadOnlySpan<byte> value)
    {
        var newline = value.IndexOf((byte)'\n');
        return (newline < 0 ? value : value[..newline]).TrimEnd("\r \t"u8);
    }

    /// <summary>
    /// The continuation lines of a multiline value as policy defines them: one leading space removed and a
    /// line of a single <c>.</c> standing for an empty line. Null when there are none.
    /// </summary>
    public static string? ExtendedText(ReadOnlySpan<byte> value)
    {
        var newline = value.IndexOf((byte)'\n');
        if (newline < 0)
        {
            return null;
        }

        var rest = value[(newline + 1)..];
        var builder = new StringBuilder(rest.Length);
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = (end < 0 ? rest : rest[..end]).TrimEnd((byte)'\r');
            rest = end < 0 ? default : rest[(end + 1)..];
            if (!line.IsEmpty && line[0] is (byte)' ' or (byte)'\t')
            {
                line = line[1..];
            }

            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            if (!line.SequenceEqual("."u8))
            {
                builder.Append(Encoding.UTF8.GetString(line));
            }
        }

        return builder.ToString();
    }

    /// <summary>True for a flag field whose value is <c>yes</c> (any case).</summary>
    public static bool IsYes(ReadOnlySpan<byte> value) => !value.IsEmpty && System.Text.Ascii.EqualsIgnoreCase(value.Trim(" \t"u8), "yes"u8);

    /// <summary>A single-line value as a string (UTF-8).</summary>
    public static string ToText(ReadOnlySpan<byte> value) => value.IsEmpty ? string.Empty : Encoding.UTF8.GetString(value);

    /// <summary>
    /// A file apt's users write by hand in deb822 form (preferences, <c>*.sources</c>), ready for
    /// <see cref="Deb822Reader"/>: comment lines may stand anywhere there, which deb822 paragraphs do not
    /// allow, so they are dropped first.
    /// </summary>
    public static byte[] WithoutCommentLines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(l => !l.StartsWith('#'));
        return Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
    }
}
