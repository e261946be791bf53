namespace Omg.PowerShell;

/// <summary>Chooses runtimes by name the way Get-Process chooses processes: wildcards filter, literals must match.</summary>
public static class RuntimeFilter
{
    /// <summary>The runtimes any of <paramref name="names"/> matches (all when there are none), in the daemon's order.</summary>
    /// <param name="runtimes">Everything the daemon found.</param>
    /// <param name="names">Names or wildcard patterns.</param>
    /// <param name="matcher">Makes a name test from a pattern.</param>
    /// <param name="unmatched">The literal names that matched nothing, to be reported as not found.</param>
    public static IReadOnlyList<Runtime> Select(IReadOnlyList<Runtime> runtimes, IReadOnlyList<string> names, Func<string, Predicate<string>> matcher, out IReadOnlyList<string> unmatched)
    {
        ArgumentNullException.ThrowIfNull(runtimes);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(matcher);
        if (names.Count == 0)
        {
            unmatched = [];
            return runtimes;
        }

        var tests = names.Select(n => (Name: n, Matches: matcher(n), Hit: false)).ToArray();
        var chosen = new List<Runtime>();
        foreach (Runtime runtime in runtimes)
        {
            bool any = false;
            for (int i = 0; i < tests.Length; i++)
            {
                if (tests[i].Matches(runtime.Name))
                {
                    tests[i].Hit = true;
                    any = true;
                }
            }

            if (any)
            {
                chosen.Add(runtime);
            }
        }

        unmatched = tests.Where(t => !t.Hit && !WildcardName.ContainsWildcard(t.Name)).Select(t => t.Name).ToArray();
        return chosen;
    }
}
