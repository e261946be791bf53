using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;

namespace Omg;

/// <summary>
/// A list-valued property of an output object (Depends, Licenses, Problems, ...): a read-only list of strings that
/// PowerShell enumerates, indexes and tests with <c>-contains</c> like an array, and whose ToString() is its items
/// joined by ", ". Export-Csv and ConvertTo-Csv write a property with ToString(), and a string[] there came out as
/// the text "System.String[]".
/// </summary>
[CollectionBuilder(typeof(TextList), nameof(Create))]
public sealed class TextList : ReadOnlyCollection<string>
{
    /// <summary>The empty list.</summary>
    public static new readonly TextList Empty = new([]);

    /// <summary>Wraps <paramref name="items"/> (not copied).</summary>
    public TextList(IList<string> items)
        : base(items)
    {
    }

    /// <summary>A list of a copy of <paramref name="items"/>; what collection expressions call.</summary>
    public static TextList Create(ReadOnlySpan<string> items) => items.IsEmpty ? Empty : new TextList(items.ToArray());

    /// <summary>The items joined by ", ".</summary>
    public override string ToString() => string.Join(", ", this);
}
