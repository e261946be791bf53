using System.Text;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;

namespace Omg.Daemon.Dispatch;

/// <summary>
/// The argument rules of DESIGN.md §2. Every message names the offending field, so a client author can
/// fix the call from the error alone.
/// </summary>
internal static class RequestValidator
{
    /// <summary>Longest query in UTF-8 bytes.</summary>
    public const int MaxQueryBytes = 500;

    /// <summary>Search results per request at most, and when no limit is given.</summary>
    public const int MaxSearchLimit = 1000;

    /// <summary>The largest Search offset (far past any real index; it keeps offset + limit an int).</summary>
    public const int MaxSearchOffset = 10_000_000;

    /// <summary>Search results when the request gives no limit.</summary>
    public const int DefaultSearchLimit = 50;

    /// <summary>Suggestions per request at most.</summary>
    public const int MaxSuggestLimit = 50;

    /// <summary>Suggestions when the request gives no limit.</summary>
    public const int DefaultSuggestLimit = 10;

    /// <summary>Items in one Batch at most.</summary>
    public const int MaxBatchItems = 100;

    /// <summary>Longest package or module name.</summary>
    public const int MaxNameLength = 256;

    /// <summary>Checks a request's arguments (not the items of a Batch, which are checked one by one).</summary>
    /// <returns>Null when valid, else the message for INVALID_PARAMS.</returns>
    public static string? Validate(Request request) => request switch
    {
        SearchRequest search => ValidateQuery(search.Query) ?? ValidateLimit(search.Limit, MaxSearchLimit) ?? ValidateOffset(search.Offset) ?? ValidateSources(search.Sources),
        SuggestRequest suggest => ValidateQuery(suggest.Query) ?? ValidateLimit(suggest.Limit, MaxSuggestLimit),
        InfoRequest info => ValidatePackageName(info.Package),
        BatchRequest batch => ValidateBatch(batch),
        ModuleRequest module => ValidateModule(module),
        UpdateAdvisoriesRequest update => update.Source is { Length: 0 } ? "source: must not be empty (omit it to use the configured sources)" : null,
        _ => null,
    };

    /// <summary>The effective limit of a validated request.</summary>
    public static int LimitOf(ulong? requested, int defaultLimit) => requested is { } limit ? (int)limit : defaultLimit;

    private static string? ValidateQuery(string query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return "query: must not be empty";
        }

        int bytes = Encoding.UTF8.GetByteCount(query);
        if (bytes > MaxQueryBytes)
        {
            return $"query: must be at most {MaxQueryBytes} bytes of UTF-8, got {bytes}";
        }

        foreach (char c in query)
        {
            if (char.IsControl(c) && c is not '\t')
            {
                return "query: must not contain control characters";
            }
        }

        return null;
    }

    // An index holds far fewer packages than this; the bound keeps offset + limit inside the index's int arithmetic.
    private static string? ValidateOffset(ulong offset) =>
        offset > MaxSearchOffset ? $"offset: must be at most {MaxSearchOffset}, got {offset}" : null;

    private static string? ValidateLimit(ulong? limit, int max) =>
        limit is { } value && (value == 0 || value > (ulong)max) ? $"limit: must be between 1 and {max}, got {value}" : null;

    /// <summary>Source patterns per Search at most.</summary>
    public const int MaxSources = 16;

    private static string? ValidateSources(IReadOnlyList<string>? sources)
    {
        if (sources is null)
        {
            return null;
        }

        if (sources.Count == 0 || sources.Count > MaxSources)
        {
            return $"sources: must hold 1 to {MaxSources} source names or patterns (omit it for every source), got {sources.Count}";
        }

        for (int i = 0; i < sources.Count; i++)
        {
            if (sources[i].Length == 0 || sources[i].Length > MaxNameLength)
            {
                return $"sources[{i}]: must be 1 to {MaxNameLength} characters";
            }
        }

        return null;
    }

    private static string? ValidatePackageName(string name)
    {
        if (name.Length == 0)
        {
            return "package: must not be empty";
        }

        if (name.Length > MaxNameLength)
        {
            return $"package: must be at most {MaxNameLength} characters, got {name.Length}";
        }

        // The union of Debian (name[:arch]), npm (@scope/name) and PyPI name alphabets.
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '-' or '_' or ':' or '@' or '/' or '~'))
            {
                return $"package: '{name}' is not a valid package name (unexpected character '{c}')";
            }
        }

        return null;
    }

    private static string? ValidateBatch(BatchRequest batch)
    {
        if (batch.Requests.Count == 0 || batch.Requests.Count > MaxBatchItems)
        {
            return $"requests: a Batch must hold 1 to {MaxBatchItems} requests, got {batch.Requests.Count}";
        }

        for (int i = 0; i < batch.Requests.Count; i++)
        {
            if (batch.Requests[i] is BatchRequest)
            {
                return $"requests[{i}]: a Batch cannot contain another Batch";
            }
        }

        return null;
    }

    private static string? ValidateModule(ModuleRequest module)
    {
        if (module.Name.Length == 0 || module.Name.Length > MaxNameLength)
        {
            return $"name: must be 1 to {MaxNameLength} characters";
        }

        foreach (string part in module.Name.Split('.'))
        {
            if (part.Length == 0 || part == ".." || !part.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return $"name: '{module.Name}' is not a valid module name (dotted words of letters, digits, '_' and '-')";
            }
        }

        return module.Arguments.Kind is MessagePackValueKind.Map or MessagePackValueKind.Nil
            ? null
            : "request: must be a map (the module contract's JSON object)";
    }
}
