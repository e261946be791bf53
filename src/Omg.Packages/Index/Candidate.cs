namespace Omg.Packages.Index;

/// <summary>
/// One suggestion, ordered by prefix distance, then whole-name distance, then installed first,
/// then shorter, then name (the index into the ordinal-sorted name array).
/// </summary>
internal readonly record struct Candidate(int PrefixDistance, int FullDistance, bool NotInstalled, int Length, int Index)
    : IComparable<Candidate>
{
    public int CompareTo(Candidate other)
    {
        var c = PrefixDistance.CompareTo(other.PrefixDistance);
        if (c == 0) c = FullDistance.CompareTo(other.FullDistance);
        if (c == 0) c = NotInstalled.CompareTo(other.NotInstalled);
        if (c == 0) c = Length.CompareTo(other.Length);
        return c != 0 ? c : Index.CompareTo(other.Index);
    }
}
