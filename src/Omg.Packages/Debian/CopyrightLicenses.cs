namespace Omg.Packages.Debian;

/// <summary>License names from a machine-readable (DEP-5) <c>debian/copyright</c> file.</summary>
internal static class CopyrightLicenses
{
    /// <summary>
    /// The distinct <c>License:</c> short names in file order; empty when the file is missing, unreadable or
    /// not DEP-5 (its first paragraph must have a <c>Format:</c> field).
    /// </summary>
    public static IReadOnlyList<string> Read(string path)
    {
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        var licenses = new List<string>();
        var reader = new Deb822Reader(data);
        var first = true;
        while (reader.NextParagraph())
        {
            var hasFormat = false;
            while (reader.NextField(out var name, out var value, out _))
            {
                if (System.Text.Ascii.EqualsIgnoreCase(name, "Format"u8))
                {
                    hasFormat = true;
                }
                else if (System.Text.Ascii.EqualsIgnoreCase(name, "License"u8))
                {
                    var shortName = Deb822Text.ToText(Deb822Text.FirstLine(value)).Trim();
                    if (shortName.Length > 0 && !licenses.Contains(shortName))
                    {
                        licenses.Add(shortName);
                    }
                }
            }

            if (first && !hasFormat)
            {
                return [];
            }

            first = false;
        }

        return licenses;
    }
}
