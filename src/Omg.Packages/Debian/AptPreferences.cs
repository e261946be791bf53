using System.Text;

namespace Omg.Packages.Debian;

/// <summary>
/// apt's pinning (<c>apt_preferences(5)</c>): <c>etc/apt/preferences</c> then <c>etc/apt/preferences.d/*</c>
/// under the root, plus <c>APT::Default-Release</c> (priority 990 for the lists of that release). A record with
/// <c>Package: *</c> gives a priority to whole lists: the first such record matching a list decides it, else
/// apt's default (500, or 1 / 100 for NotAutomatic / ButAutomaticUpgrades releases). Any other record pins
/// versions of the packages it names (names, globs, <c>/regex/</c>, with <c>:arch</c> or <c>:any</c>; native
/// architecture by default; <c>src:NAME</c> for the binaries of a source package): the first record matching a
/// version decides its priority, whatever its lists say.
/// </summary>
internal sealed class AptPreferences
{
    private readonly List<(PinMatch Match, int Priority)> _general = [];
    private readonly List<PackagePin> _specific = [];

    /// <summary>No preferences: every list keeps apt's default priority and no version is pinned.</summary>
    public static AptPreferences None { get; } = new();

    /// <summary>True when some record pins versions of named packages.</summary>
    /// <remarks>When false, callers can skip working out source names and calling <see cref="SpecificPin"/>.</remarks>
    public bool HasSpecificPins => _specific.Count > 0;

    /// <summary>Reads the root's preferences and target release; malformed records become problems and are skipped.</summary>
    public static AptPreferences Load(string root, AptConfig config, List<string> problems)
    {
        var preferences = new AptPreferences();
        if (config.Get("APT::Default-Release") is { Length: > 0 } target)
        {
            preferences._general.Add((PinMatch.Parse("release " + target, specific: false, out _)!, 990));
        }

        string[] files = [Path.Combine(root, "etc/apt/preferences"), .. AptParts.Files(Path.Combine(root, "etc/apt/preferences.d"), ".pref")];
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                continue;
            }

            try
            {
                preferences.Parse(File.ReadAllText(file), file, problems);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{file}: unreadable ({e.Message})");
            }
        }

        return preferences;
    }

    /// <summary>Adds the records of one preferences file.</summary>
    public void Parse(string text, string file, List<string> problems)
    {
        var reader = new Deb822Reader(Deb822Text.WithoutCommentLines(text));
        while (reader.NextParagraph())
        {
            string? package = null, pin = null, priority = null;
            while (reader.NextField(out var name, out var value, out _))
            {
                var field = Encoding.ASCII.GetString(name);
                var content = Deb822Text.ToText(value).Trim();
                if (field.Equals("Package", StringComparison.OrdinalIgnoreCase))
                {
                    package = content;
                }
                else if (field.Equals("Pin", StringComparison.OrdinalIgnoreCase))
                {
                    pin = content;
                }
                else if (field.Equals("Pin-Priority", StringComparison.OrdinalIgnoreCase))
                {
                    priority = content;
                }
            }

            var at = $"{file}: record at line {reader.ParagraphLine}";
            if (reader.Error is { } error)
            {
                problems.Add($"{at} skipped: {error}");
                continue;
            }

            if (string.IsNullOrEmpty(package))
            {
                problems.Add($"{at} skipped: no Package field");
                continue;
            }

            if (pin is null)
            {
                continue;
            }

            if (!int.TryParse(priority, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var pinPriority) || pinPriority == 0)
            {
                problems.Add($"{at} skipped: no Pin-Priority, or zero");
                continue;
            }

            var general = package == "*";
            var match = PinMatch.Parse(pin, specific: !general, out var pinError);
            if (match is null)
            {
                problems.Add($"{at} skipped: {pinError}");
                continue;
            }

            if (general)
            {
                _general.Add((match, pinPriority));
                continue;
            }

            foreach (var word in package.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
            {
                // "src:NAME" pins every binary built from that source package.
                var isSource = word.StartsWith("src:", StringComparison.Ordinal);
                var target = isSource ? word["src:".Length..] : word;
                var colon = target.LastIndexOf(':');
                var (namePattern, arch) = colon > 0 && !(target[0] == '/' && target[^1] == '/') ? (target[..colon], target[(colon + 1)..]) : (target, null);
                _specific.Add(new PackagePin(namePattern, AptPattern.IsPattern(namePattern), arch, match, pinPriority, isSource));
            }
        }
    }

    /// <summary>A list's priority: the first <c>Package: *</c> record matching it, else apt's default.</summary>
    public int FilePriority(ListFile file)
    {
        foreach (var (match, priority) in _general)
        {
            if (match.MatchesFile(file))
            {
                return priority;
            }
        }

        return file.Priority;
    }

    /// <summary>
    /// The first record pinning this version of the package, as (priority, record number); null when none does.
    /// <paramref name="file"/> is the list the version was read from (null for a version known only from dpkg's
    /// status, which only version pins can match).
    /// </summary>
    public (int Priority, int Order)? SpecificPin(string name, string sourceName, string architecture, string nativeArchitecture, string version, ListFile? file)
    {
        for (var i = 0; i < _specific.Count; i++)
        {
            var pin = _specific[i];
            if (pin.AppliesTo(pin.IsSource ? sourceName : name, architecture, nativeArchitecture)
                && (pin.Match.Kind == PinKind.Version ? pin.Match.MatchesVersion(version) : file is not null && pin.Match.MatchesFile(file)))
            {
                return (pin.Priority, i);
            }
        }

        return null;
    }

    /// <summary>One package-naming record, one entry per word of its Package field.</summary>
    private sealed record PackagePin(string Name, bool IsPattern, string? Architecture, PinMatch Match, int Priority, bool IsSource)
    {
        public bool AppliesTo(string name, string architecture, string native)
        {
            var archMatches = Architecture switch
            {
                null => architecture == native || architecture == "all",
                "any" => true,
                _ => architecture == Architecture || (architecture == "all" && Architecture == native),
            };
            return archMatches && (IsPattern ? AptPattern.Matches(Name, name) : Name == name);
        }
    }
}
