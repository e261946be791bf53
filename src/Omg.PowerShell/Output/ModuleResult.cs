namespace Omg;

/// <summary>What a module answered, from <c>Invoke-OmgModule</c>: its JSON response with <c>data</c> as PowerShell objects.</summary>
public sealed class ModuleResult
{
    /// <summary>The module's dotted name (<c>sys.proc</c>).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The module's return code: 0 for success, anything else is a failure.</summary>
    public int RetCode { get; init; }

    /// <summary>The module's main message.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>The warnings the module returned.</summary>
    public TextList Warning { get; init; } = [];

    /// <summary>
    /// The module's <c>data</c>: JSON objects as PSCustomObjects, arrays as arrays, numbers as Int64 or Double;
    /// null when it returned none.
    /// </summary>
    public object? Data { get; init; }

    /// <summary>The log lines the module returned (its <c>__sysinspect-module-logs</c>).</summary>
    public TextList Logs { get; init; } = [];

    /// <summary>How long the call took, as the caller waited for it.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>True when the module reported success (retcode 0).</summary>
    public bool Succeeded => RetCode == 0;

    /// <summary>The name, retcode and message, as <c>sys.proc [0] 3 processes</c>.</summary>
    public override string ToString() => $"{Name} [{RetCode}] {Message}";
}
