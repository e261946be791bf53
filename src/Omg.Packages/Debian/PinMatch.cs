namespace Omg.Packages.Debian;

/// <summary>What a <c>Pin:</c> line selects: versions by their string, or lists by release or origin.</summary>
internal enum PinKind
{
    Version,
    Release,
    Origin,
}

/// <summary>
/// The <c>Pin:</c> line of a preferences record, as apt reads it: <c>version 1.2*</c>,
/// <c>release a=stable, n=bookworm, v=12, o=Debian, l=Debian, c=main, b=amd64</c> (all given conditions must
/// hold; of two of one kind the last counts; a bare word is a codename or archive, a bare number a release
/// version; <c>*</c> matches every list), or <c>origin host</c> (quoted or not; <c>""</c> is a local
/// repository). Values may be globs or <c>/regex/</c>; a version or release version ending in <c>*</c> also
/// matches as a prefix.
/// </summary>
internal sealed class PinMatch
{
    private readonly string _data;
    private readonly bool _all;
    private readonly string? _releaseVersion;
    private readonly string? _origin;
    private readonly string? _archive;
    private readonly string? _codename;
    private readonly string? _archiveOrCodename;
    private readonly string? _label;
    private readonly string? _component;
    private readonly string? _architecture;

    private PinMatch(PinKind kind, string data)
    {
        Kind = kind;
        _data = data;
        if (kind == PinKind.Origin)
        {
            _data = data.Length >= 2 && data[0] == '"' && data[^1] == '"' ? data[1..^1] : data;
            return;
        }

        if (kind != PinKind.Release)
        {
            return;
        }

        if (data == "*")
        {
            _all = true;
            return;
        }

        if (!data.Contains('='))
        {
            if (data.Length > 0 && char.IsAsciiDigit(data[0]))
            {
                _releaseVersion = data;
            }
            else
            {
                _archiveOrCodename = data;
            }
        }
        else
        {
            foreach (var fragment in data.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (fragment.Length < 3 || fragment[1] != '=')
                {
                    continue;
                }

                var value = fragment[2..];
                switch (char.ToLowerInvariant(fragment[0]))
                {
                    case 'v': _releaseVersion = value; break;
                    case 'o': _origin = value; break;
                    case 'a': _archive = value; break;
                    case 'n': _codename = value; break;
                    case 'l': _label = value; break;
                    case 'c': _component = value; break;
                    case 'b': _architecture = value; break;
                }
            }
        }
    }

    /// <summary>What the pin selects by.</summary>
    public PinKind Kind { get; }

    /// <summary>Parses a <c>Pin:</c> value; null (with <paramref name="error"/>) for a type apt does not know.</summary>
    public static PinMatch? Parse(string pin, bool specific, out string? error)
    {
        error = null;
        pin = pin.Trim();
        var space = pin.IndexOfAny([' ', '\t']);
        var type = space < 0 ? pin : pin[..space];
        var data = space < 0 ? string.Empty : pin[space..].Trim();
        if (type.Equals("version", StringComparison.OrdinalIgnoreCase) && specific)
        {
            return new PinMatch(PinKind.Version, data);
        }

        if (type.Equals("release", StringComparison.OrdinalIgnoreCase))
        {
            return new PinMatch(PinKind.Release, data);
        }

        if (type.Equals("origin", StringComparison.OrdinalIgnoreCase))
        {
            return new PinMatch(PinKind.Origin, data);
        }

        error = $"pin type '{type}' not understood" + (specific ? string.Empty : " for Package: *");
        return null;
    }

    /// <summary>Whether a version string matches a version pin.</summary>
    public bool MatchesVersion(string version) =>
        Kind == PinKind.Version && MatchesVersionText(_data, version);

    /// <summary>Whether a list (its release, origin site, component, architecture) matches a release or origin pin.</summary>
    public bool MatchesFile(ListFile file)
    {
        if (Kind == PinKind.Origin)
        {
            return !ReferenceEquals(file, ListFile.Status) && AptPattern.Matches(_data, file.Site);
        }

        if (Kind != PinKind.Release)
        {
            return false;
        }

        if (_all)
        {
            return true;
        }

        if (_releaseVersion is null && _origin is null && _archive is null && _codename is null && _archiveOrCodename is null
            && _label is null && _component is null && _architecture is null)
        {
            return false;
        }

        var release = file.Release;
        return (_releaseVersion is null || (release?.Version is { } v && MatchesVersionText(_releaseVersion, v)))
            && Field(_origin, release?.Origin)
            && Field(_archive, release?.Archive)
            && Field(_codename, release?.Codename)
            && (_archiveOrCodename is null || Field(_archiveOrCodename, release?.Archive) || Field(_archiveOrCodename, release?.Codename))
            && Field(_label, release?.Label)
            && Field(_component, file.Component.Length == 0 ? null : file.Component)
            && Field(_architecture, file.Architecture.Length == 0 ? null : file.Architecture);
    }

    private static bool Field(string? wanted, string? actual) => wanted is null || (actual is not null && AptPattern.Matches(wanted, actual));

    // A version pin is an exact version, a prefix when it ends in '*', or a glob/regex (apt tries all three).
    private static bool MatchesVersionText(string pin, string version) =>
        pin == version
        || (pin.Length > 0 && pin[^1] == '*' && version.StartsWith(pin[..^1], StringComparison.Ordinal))
        || AptPattern.Matches(pin, version);
}
