using System.Collections;
using System.Globalization;
using System.Management.Automation;
using Omg.Protocol.MessagePack;

namespace Omg.PowerShell;

/// <summary>
/// Builds a module's request map (seed 004's <c>arguments</c>, <c>options</c>, <c>ext</c>) from PowerShell values:
/// hashtables and PSCustomObjects become maps, lists arrays, numbers, booleans and strings themselves.
/// </summary>
public static class ModuleRequestMap
{
    /// <summary>How deep a value may nest; deeper is taken for a cycle.</summary>
    public const int MaxDepth = 32;

    /// <summary>The request map; sections left out when not given.</summary>
    /// <exception cref="ArgumentException">A value nests deeper than <see cref="MaxDepth"/>.</exception>
    public static MessagePackValue Build(IDictionary? arguments, IReadOnlyList<string>? options, IDictionary? extra)
    {
        var top = new List<(string, MessagePackValue)>();
        if (arguments is not null)
        {
            top.Add(("arguments", FromDictionary(arguments, 0)));
        }

        if (options is { Count: > 0 })
        {
            top.Add(("options", MessagePackValue.Array(options.Select(o => MessagePackValue.From(o)))));
        }

        if (extra is not null)
        {
            // An explicit ext rather than extra top-level keys: a caller's "arguments" or "host" key in -Extra then
            // stays the caller's data instead of replacing a section of the contract.
            top.Add(("ext", FromDictionary(extra, 0)));
        }

        return MessagePackValue.Map([.. top]);
    }

    /// <summary>The MessagePack form of one PowerShell value.</summary>
    public static MessagePackValue FromObject(object? value) => FromObject(value, 0);

    private static MessagePackValue FromObject(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"a module argument nests deeper than {MaxDepth} levels (a cycle?)");
        }

        if (value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject)
        {
            value = wrapped.BaseObject;
        }

        return value switch
        {
            null => MessagePackValue.Nil,
            bool b => MessagePackValue.From(b),
            SwitchParameter s => MessagePackValue.From(s.IsPresent),
            sbyte or short or int or long => MessagePackValue.From(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            byte or ushort or uint or ulong => MessagePackValue.From(Convert.ToUInt64(value, CultureInfo.InvariantCulture)),
            float or double or decimal => MessagePackValue.From(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            string text => MessagePackValue.From(text),
            char c => MessagePackValue.From(c.ToString()),
            Enum e => MessagePackValue.From(e.ToString()),
            DateTime or DateTimeOffset => MessagePackValue.From(((IFormattable)value).ToString("o", CultureInfo.InvariantCulture)),
            IDictionary dictionary => FromDictionary(dictionary, depth),
            PSObject custom => MessagePackValue.Map(custom.Properties.Select(p => (p.Name, FromObject(SafeValue(p), depth + 1))).ToArray()),
            IEnumerable items => MessagePackValue.Array(items.Cast<object?>().Select(i => FromObject(i, depth + 1)).ToArray()),
            _ => MessagePackValue.From(Convert.ToString(value, CultureInfo.InvariantCulture)),
        };
    }

    private static MessagePackValue FromDictionary(IDictionary dictionary, int depth) =>
        MessagePackValue.Map(dictionary.Cast<DictionaryEntry>()
            .Select(e => (Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? string.Empty, FromObject(e.Value, depth + 1)))
            .ToArray());

    // A script property that throws would otherwise fail the whole call over one odd member.
    private static object? SafeValue(PSPropertyInfo property)
    {
        try
        {
            return property.Value;
        }
        catch (GetValueException)
        {
            return null;
        }
    }
}
