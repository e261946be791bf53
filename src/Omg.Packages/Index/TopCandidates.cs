namespace Omg.Packages.Index;

/// <summary>The best <c>limit</c> candidates seen so far, kept sorted (limits are small).</summary>
internal sealed class TopCandidates
{
    private readonly Candidate[] _items;
    private int _count;

    public TopCandidates(int limit) => _items = new Candidate[limit];

    /// <summary>True when it holds as many candidates as it may.</summary>
    public bool IsFull => _count == _items.Length;

    /// <summary>False when the collection is full of candidates at least as good.</summary>
    public bool CouldAccept(Candidate best) => _count < _items.Length || best.CompareTo(_items[_count - 1]) < 0;

    public void Offer(Candidate candidate)
    {
        if (_count == _items.Length)
        {
            if (candidate.CompareTo(_items[_count - 1]) >= 0)
            {
                return;
            }

            _count--;
        }

        var at = _count;
        while (at > 0 && candidate.CompareTo(_items[at - 1]) < 0)
        {
            _items[at] = _items[at - 1];
            at--;
        }

        _items[at] = candidate;
        _count++;
    }

    public string[] Names(string[] display)
    {
        var names = new string[_count];
        for (var i = 0; i < _count; i++)
        {
            names[i] = display[_items[i].Index];
        }

        return names;
    }
}
