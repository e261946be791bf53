using System.Management.Automation;
using Omg.Client;

namespace Omg.PowerShell;

/// <summary>
/// The base of every Omg cmdlet: owns the client and its <c>-Socket</c>, runs one request at a time with a
/// CancellationTokenSource that Ctrl+C (StopProcessing) cancels, and turns failures into ErrorRecords.
/// </summary>
public abstract class OmgCmdlet : PSCmdlet, IDisposable
{
    private readonly object _gate = new();
    private CancellationTokenSource? _inFlight;
    private bool _stopping;
    private OmgClient? _client;

    /// <summary>
    /// <para type="description">The omgd socket to use instead of the default ($XDG_RUNTIME_DIR/omg.sock).</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Socket { get; set; }

    /// <summary>The client, created on first use with <see cref="CreateOptions"/>.</summary>
    protected OmgClient Client => _client ??= new OmgClient(CreateOptions());

    /// <summary>The socket as a full path, or null for the default.</summary>
    protected string? SocketPath => Socket is null ? null : ResolvePath(Socket);

    /// <summary>The client options for this invocation.</summary>
    protected virtual OmgClientOptions CreateOptions() => new() { SocketPath = SocketPath };

    /// <summary>
    /// A file path as the user meant it: relative to PowerShell's current location, which is not the
    /// process's working directory the client would otherwise resolve it against.
    /// </summary>
    protected virtual string ResolvePath(string path) => GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>
    /// Runs <paramref name="work"/> to completion on the pipeline thread, cancelled by Ctrl+C.
    /// Failures propagate; use <see cref="TryInvoke{T}"/> to report them instead.
    /// </summary>
    protected T Invoke<T>(Func<CancellationToken, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var cts = new CancellationTokenSource();
        lock (_gate)
        {
            if (_stopping)
            {
                throw new PipelineStoppedException();
            }

            _inFlight = cts;
        }

        try
        {
            return work(cts.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        finally
        {
            lock (_gate)
            {
                _inFlight = null;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/>; a failure becomes an error about <paramref name="target"/>:
    /// terminating when the daemon is unavailable, non-terminating otherwise.
    /// </summary>
    /// <returns>True with the result, or false after the error was written.</returns>
    protected bool TryInvoke<T>(Func<CancellationToken, Task<T>> work, object? target, out T? result)
    {
        try
        {
            result = Invoke(work);
            return true;
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            result = default;
            ReportError(ex, target);
            return false;
        }
    }

    /// <summary>Writes (or throws, when terminating) the ErrorRecord for <paramref name="exception"/>.</summary>
    protected void ReportError(Exception exception, object? target)
    {
        OmgErrorDescriptor descriptor = ErrorRecordFactory.Describe(exception);
        ErrorRecord record = ErrorRecordFactory.Create(exception, descriptor, target);
        if (descriptor.Terminating)
        {
            ThrowTerminatingError(record);
        }

        WriteError(record);
    }

    /// <summary>
    /// Writes what <see cref="NameFilter"/> chose from <paramref name="items"/> for the collected <paramref name="names"/>,
    /// then a non-terminating ObjectNotFound error <paramref name="errorId"/> for each literal name that matched nothing.
    /// </summary>
    /// <param name="items">Everything the daemon listed.</param>
    /// <param name="nameOf">An item's name.</param>
    /// <param name="names">Names or wildcard patterns; all items when empty.</param>
    /// <param name="noun">What an item is, for the message (<c>Runtime</c>, <c>Module</c>).</param>
    /// <param name="errorId">The error id of a name that matched nothing.</param>
    protected void WriteMatching<T>(IReadOnlyList<T> items, Func<T, string> nameOf, IReadOnlyList<string> names, string noun, string errorId)
    {
        WriteObject(NameFilter.Select(items, nameOf, names, CreateMatcher, out IReadOnlyList<string> unmatched), enumerateCollection: true);
        foreach (string name in unmatched)
        {
            var error = new ItemNotFoundException($"{noun} '{name}' was not found.");
            WriteError(ErrorRecordFactory.Create(error, new OmgErrorDescriptor(errorId, ErrorCategory.ObjectNotFound, error.Message, false), name));
        }
    }

    /// <summary>A wildcard test with PowerShell's own rules, case-insensitive like package names on the command line.</summary>
    protected static Predicate<string> CreateMatcher(string pattern)
    {
        var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
        return wildcard.IsMatch;
    }

    /// <summary>Cancels the request in flight (Ctrl+C).</summary>
    protected override void StopProcessing()
    {
        lock (_gate)
        {
            _stopping = true;
            _inFlight?.Cancel();
        }
    }

    /// <summary>
    /// Closes the connection now; the next call opens a new one. omgd cancels the work of a connection that went
    /// away, which is how a stopped command has its module killed instead of left to run to its timeout.
    /// </summary>
    protected void Disconnect()
    {
        _client?.Dispose();
        _client = null;
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the connection; derived cmdlets with resources of their own add to it.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _client?.Dispose();
            _client = null;
        }
    }
}
