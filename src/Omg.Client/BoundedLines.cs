namespace Omg.Client;

/// <summary>Keeps the last few lines a child process printed, thread-safely, for error messages.</summary>
internal sealed class BoundedLines
{
    private readonly Queue<string> _lines = new();
    private readonly int _capacity;

    /// <summary>Keeps at most <paramref name="capacity"/> lines.</summary>
    public BoundedLines(int capacity) => _capacity = capacity;

    /// <summary>Adds a line (null, the end of a stream, is ignored).</summary>
    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > _capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>The lines kept, one per line.</summary>
    public override string ToString()
    {
        lock (_lines)
        {
            return string.Join(Environment.NewLine, _lines);
        }
    }
}
