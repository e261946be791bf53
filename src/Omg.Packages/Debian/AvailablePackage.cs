namespace Omg.Packages.Debian;

/// <summary>One version of a package in one list.</summary>
/// <param name="Version">Version string.</param>
/// <param name="Architecture">Architecture field (<c>all</c> stays <c>all</c>).</param>
/// <param name="Priority">Pin priority of the list the version came from.</param>
/// <param name="ListIndex">Index of the list (and its buffer) in the load.</param>
/// <param name="Spans">Where the paragraph's fields sit in that buffer.</param>
internal readonly record struct AvailableVersion(string Version, string Architecture, int Priority, int ListIndex, FieldSpans Spans);

/// <summary>Every version the lists carry for one (name, architecture) pair.</summary>
/// <param name="Name">Package name.</param>
/// <param name="Key">apt's full name (<c>name</c> or <c>name:arch</c> for a foreign architecture).</param>
internal sealed record AvailablePackage(string Name, string Key)
{
    /// <summary>The versions, one entry per version string (the highest-priority list wins a tie).</summary>
    public List<AvailableVersion> Versions { get; } = new(1);

    /// <summary>Adds a version from a list.</summary>
    public void Add(in AvailableVersion version)
    {
        for (var i = 0; i < Versions.Count; i++)
        {
            if (Versions[i].Version == version.Version)
            {
                if (version.Priority > Versions[i].Priority)
                {
                    Versions[i] = version;
                }

                return;
            }
        }

        Versions.Add(version);
    }
}
