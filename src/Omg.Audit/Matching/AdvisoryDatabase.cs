using Omg.Audit.Sources;

namespace Omg.Audit.Matching;

/// <summary>
/// Every loaded source, indexed by the name advisories use. Immutable: an import builds a new one and
/// swaps it in, so an audit never sees half of a source.
/// </summary>
public sealed class AdvisoryDatabase
{
    private readonly Dictionary<string, List<AffectedEntry>> _byName;

    /// <summary>The database with nothing loaded.</summary>
    public static AdvisoryDatabase Empty { get; } = new(new Dictionary<string, AdvisorySet>(StringComparer.Ordinal), 0);

    private AdvisoryDatabase(Dictionary<string, AdvisorySet> sources, long generation)
    {
        Sources = sources;
        Generation = generation;
        _byName = new Dictionary<string, List<AffectedEntry>>(StringComparer.Ordinal);
        foreach (AdvisorySet set in sources.Values)
        {
            foreach (AffectedEntry entry in set.Entries)
            {
                if (KindOf(entry.Ecosystem) is not { } kind)
                {
                    continue;
                }

                string key = Key(kind, entry.Package);
                if (!_byName.TryGetValue(key, out List<AffectedEntry>? list))
                {
                    _byName[key] = list = [];
                }

                list.Add(entry);
            }
        }
    }

    /// <summary>The loaded sources by origin.</summary>
    public IReadOnlyDictionary<string, AdvisorySet> Sources { get; }

    /// <summary>Changes whenever a source is added or replaced.</summary>
    public long Generation { get; }

    /// <summary>True when at least one source is loaded.</summary>
    public bool IsLoaded => Sources.Count > 0;

    /// <summary>Advisories in all sources.</summary>
    public long Advisories => Sources.Values.Sum(s => (long)s.Advisories);

    /// <summary>A database with <paramref name="set"/> added, or replacing the set of the same origin.</summary>
    public AdvisoryDatabase With(AdvisorySet set)
    {
        var sources = new Dictionary<string, AdvisorySet>(Sources, StringComparer.Ordinal) { [set.Origin] = set };
        return new AdvisoryDatabase(sources, Generation + 1);
    }

    /// <summary>A database holding all of <paramref name="sets"/>.</summary>
    public static AdvisoryDatabase From(IEnumerable<AdvisorySet> sets, long generation)
    {
        var sources = new Dictionary<string, AdvisorySet>(StringComparer.Ordinal);
        foreach (AdvisorySet set in sets)
        {
            sources[set.Origin] = set;
        }

        return new AdvisoryDatabase(sources, generation);
    }

    /// <summary>Entries naming <paramref name="name"/> for components of <paramref name="kind"/>.</summary>
    public IReadOnlyList<AffectedEntry> Find(string kind, string name) =>
        _byName.TryGetValue(Key(kind, name), out List<AffectedEntry>? list) ? list : [];

    /// <summary>
    /// The component kind whose packages an ecosystem's advisories name: <c>distro</c> for
    /// <c>Debian:*</c> and <c>Ubuntu:*</c>, <c>npm</c>, <c>PyPI</c>; null for ecosystems not audited here.
    /// </summary>
    public static string? KindOf(string ecosystem) => ecosystem switch
    {
        "npm" => "npm",
        "PyPI" => "PyPI",
        _ when ecosystem.StartsWith("Debian:", StringComparison.Ordinal) || ecosystem.StartsWith("Ubuntu:", StringComparison.Ordinal) => InstalledComponent.Distro,
        _ => null,
    };

    // PyPI names compare normalised (PEP 503): case-insensitive, runs of -, _ and . equal.
    private static string Key(string kind, string name) =>
        kind == "PyPI" ? kind + "\0" + NormalisePyPi(name) : kind + "\0" + name;

    /// <summary>A PyPI name in PEP 503 normal form.</summary>
    public static string NormalisePyPi(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length);
        bool separator = false;
        foreach (char c in name)
        {
            if (c is '-' or '_' or '.')
            {
                separator = true;
                continue;
            }

            if (separator && builder.Length > 0)
            {
                builder.Append('-');
            }

            separator = false;
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
