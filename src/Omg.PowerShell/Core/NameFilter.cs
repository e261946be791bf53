namespace Omg.PowerShell;

/// <summary>Chooses items by name the way Get-Process chooses processes: wildcards filter, literals must match.</summary>
public static class NameFilter
{
    /// <summary>The items any of <paramref name="names"/> matches (all when there are none), in the daemon's order.</summary>
    /// <param name="items">Everything the daemon listed.</param>
    /// <param name="nameOf">An item's name.</param>
    /// <param name="names">Names or wildcard patterns.</param>
    /// <param name="matcher">Makes a name test from a pattern.</param>
    /// <param name="unmatched">The literal names that matched nothing, to be reported as not found.</param>
    public static IReadOnlyList<T> Select<T>(IReadOnlyList<T> items, Func<T, string> nameOf, IReadOnlyList<string> names, Func<string, Predicate<string>> matcher, out IReadOnlyList<string> unmatched)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(nameOf);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(matcher);
        if (names.Count == 0)
        {
            unmatched = [];
            return items;
        }

        var tests = names.Select(n => (Name: n, Matches: matcher(n), Hit: false)).ToArray();
        var chosen = new List<T>();
        foreach (T item in items)
        {
            bool any = false;
            for (int i = 0; i < tests.Length; i++)
            {
                if (tests[i].Matches(nameOf(item)))
                {
                    tests[i].Hit = true;
                    any = true;
                }
            }

            if (any)
            {
                chosen.Add(item);
            }
        }

        unmatched = tests.Where(t => !t.Hit && !WildcardName.ContainsWildcard(t.Name)).Select(t => t.Name).ToArray();
        return chosen;
    }
}
