using System.Management.Automation;
using Omg.Protocol.MessagePack;

namespace Omg.PowerShell;

/// <summary>
/// A module's <c>data</c> as PowerShell objects: maps become PSCustomObjects (so that Select-Object, Where-Object and
/// Format-Table see properties), arrays become object arrays, integers Int64 (UInt64 only past Int64's range).
/// </summary>
public static class ModuleData
{
    /// <summary>The PowerShell form of <paramref name="value"/>; null for nil.</summary>
    public static object? ToObject(MessagePackValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Kind switch
        {
            MessagePackValueKind.Nil => null,
            MessagePackValueKind.Boolean => value.AsBoolean(),
            MessagePackValueKind.Integer => value.IsNegative || value.AsUInt64() <= long.MaxValue ? value.AsInt64() : value.AsUInt64(),
            MessagePackValueKind.Float32 or MessagePackValueKind.Float64 => value.AsDouble(),
            MessagePackValueKind.String => value.AsString(),
            MessagePackValueKind.Binary => value.AsBinary().ToArray(),
            MessagePackValueKind.Array => value.AsArray().Select(ToObject).ToArray(),
            MessagePackValueKind.Map => ToCustomObject(value.AsMap()),
            MessagePackValueKind.Timestamp => value.AsTimestamp().ToDateTimeOffset(),
            _ => value.ToString(),
        };
    }

    /// <summary>
    /// True when <paramref name="value"/> is a table as seed 004 shows one: an array of rows (arrays), the first row
    /// the column names (strings).
    /// </summary>
    public static bool IsTable(MessagePackValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Kind != MessagePackValueKind.Array || value.AsArray() is not { Count: > 0 } rows)
        {
            return false;
        }

        return rows.All(r => r.Kind == MessagePackValueKind.Array)
            && rows[0].AsArray() is { Count: > 0 } headers
            && headers.All(h => h.Kind == MessagePackValueKind.String);
    }

    /// <summary>
    /// One PSCustomObject per row of a table (<see cref="IsTable"/>), with the first row's names as properties:
    /// a short row leaves the rest null, a long row's extra cells are <c>Column</c>N (1-based).
    /// </summary>
    public static IReadOnlyList<PSObject> TableRows(MessagePackValue table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!IsTable(table))
        {
            throw new ArgumentException("the value is not a table (an array of rows whose first row names the columns)", nameof(table));
        }

        IReadOnlyList<MessagePackValue> rows = table.AsArray();
        string[] headers = [.. rows[0].AsArray().Select(h => h.AsString())];
        var objects = new List<PSObject>(rows.Count - 1);
        foreach (MessagePackValue row in rows.Skip(1))
        {
            IReadOnlyList<MessagePackValue> cells = row.AsArray();
            var item = new PSObject();
            for (int i = 0; i < Math.Max(headers.Length, cells.Count); i++)
            {
                string name = i < headers.Length ? headers[i] : $"Column{i + 1}";
                Set(item, name, i < cells.Count ? ToObject(cells[i]) : null);
            }

            objects.Add(item);
        }

        return objects;
    }

    /// <summary>
    /// The tables in <paramref name="data"/> for <c>-AsTable</c>: the data itself when it is one, else each member of a
    /// map that is one, in order; empty when there is none.
    /// </summary>
    public static IReadOnlyList<MessagePackValue> FindTables(MessagePackValue data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (IsTable(data))
        {
            return [data];
        }

        return data.Kind == MessagePackValueKind.Map ? [.. data.AsMap().Select(p => p.Value).Where(IsTable)] : [];
    }

    private static PSObject ToCustomObject(IReadOnlyList<KeyValuePair<MessagePackValue, MessagePackValue>> pairs)
    {
        var item = new PSObject();
        foreach ((MessagePackValue key, MessagePackValue value) in pairs)
        {
            Set(item, key.Kind == MessagePackValueKind.String ? key.AsString() : key.ToString(), ToObject(value));
        }

        return item;
    }

    // A key twice (MessagePack allows it, JSON parsers keep the last) replaces the value instead of throwing.
    private static void Set(PSObject item, string name, object? value)
    {
        if (item.Properties[name] is { } existing)
        {
            existing.Value = value;
            return;
        }

        item.Properties.Add(new PSNoteProperty(name, value));
    }
}
