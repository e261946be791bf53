using System.Text;

namespace Omg.Modules.Requests;

/// <summary>Reads os-release(5) under a system root.</summary>
internal static class HostOsRelease
{
    /// <summary>
    /// The key/value pairs of <c>&lt;root&gt;/etc/os-release</c>, or of <c>&lt;root&gt;/usr/lib/os-release</c> when the
    /// first is missing (the fallback os-release(5) prescribes); empty when neither can be read.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Read(string root)
    {
        foreach (var relative in new[] { "etc/os-release", "usr/lib/os-release" })
        {
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(root, relative));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            return Parse(text);
        }

        return new Dictionary<string, string>();
    }

    /// <summary>Parses os-release text: <c>KEY=value</c> lines, shell-style quotes and backslash escapes.</summary>
    public static Dictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            values[line[..eq].Trim()] = Unquote(line[(eq + 1)..].Trim());
        }

        return values;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
        {
            return value[1..^1];
        }

        var quoted = value.Length >= 2 && value[0] == '"' && value[^1] == '"';
        var body = quoted ? value[1..^1] : value;
        var result = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\\' && i + 1 < body.Length)
            {
                i++;
            }

            result.Append(body[i]);
        }

        return result.ToString();
    }
}
