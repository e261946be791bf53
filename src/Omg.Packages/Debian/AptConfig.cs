using System.Text;

namespace Omg.Packages.Debian;

/// <summary>
/// The few apt configuration values autoremove depends on, read from <c>etc/apt/apt.conf.d/*</c> and
/// <c>etc/apt/apt.conf</c> under the root in apt's order. Understands apt.conf syntax (nested scopes,
/// <c>::</c> paths, lists, <c>#</c> <c>//</c> <c>/* */</c> comments, <c>#clear</c>); ignores <c>#include</c>.
/// Keys compare case-insensitively, as in apt.
/// </summary>
internal sealed class AptConfig
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _lists = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the configuration of <paramref name="root"/>; unreadable files become problems.</summary>
    public static AptConfig Load(string root, List<string> problems)
    {
        var config = new AptConfig();
        var files = AptParts.Files(Path.Combine(root, "etc/apt/apt.conf.d"), ".conf").ToList();
        files.Add(Path.Combine(root, "etc/apt/apt.conf"));
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                continue;
            }

            try
            {
                config.Parse(File.ReadAllText(file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{file}: unreadable ({e.Message})");
            }
        }

        return config;
    }

    /// <summary>A boolean value, or <paramref name="fallback"/> when unset or unrecognised.</summary>
    public bool GetBool(string key, bool fallback) => _values.TryGetValue(key, out var v)
        ? v.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" or "1" or "enable" => true,
            "false" or "no" or "off" or "0" or "disable" => false,
            _ => fallback,
        }
        : fallback;

    /// <summary>A scalar value, or null when unset.</summary>
    public string? Get(string key) => _values.TryGetValue(key, out var v) ? v : null;

    /// <summary>The items of a list value.</summary>
    public IReadOnlyList<string> GetList(string key) => _lists.TryGetValue(key, out var list) ? list : [];

    /// <summary>Parses one file's text into this configuration.</summary>
    public void Parse(string text)
    {
        var tokens = Tokenize(text);
        var scopes = new Stack<string>();
        var i = 0;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (token is "}")
            {
                if (scopes.Count > 0)
                {
                    scopes.Pop();
                }

                i += i + 1 < tokens.Count && tokens[i + 1] == ";" ? 2 : 1;
                continue;
            }

            if (token is ";")
            {
                i++;
                continue;
            }

            var scope = scopes.Count == 0 ? string.Empty : scopes.Peek();
            if (token.StartsWith("#clear ", StringComparison.Ordinal))
            {
                var key = Join(scope, token[7..].Trim());
                _lists.Remove(key);
                _values.Remove(key);
                i++;
                continue;
            }

            var next = i + 1 < tokens.Count ? tokens[i + 1] : ";";
            if (token.StartsWith('"'))
            {
                // A bare string inside braces is a list item of the enclosing key.
                AddItem(scope, token.Trim('"'));
                i++;
            }
            else if (next == "{")
            {
                scopes.Push(Join(scope, token));
                i += 2;
            }
            else if (next.StartsWith('"'))
            {
                var key = Join(scope, token);
                var value = next.Trim('"');
                if (key.EndsWith("::", StringComparison.Ordinal))
                {
                    AddItem(key[..^2], value);
                }
                else
                {
                    _values[key] = value;
                }

                i += 2;
            }
            else
            {
                i++;
            }
        }
    }

    private void AddItem(string key, string value)
    {
        if (!_lists.TryGetValue(key, out var list))
        {
            _lists[key] = list = [];
        }

        list.Add(value);
    }

    private static string Join(string scope, string key) => scope.Length == 0 ? key : scope + "::" + key;

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                i = SkipTo(text, i, '\n');
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else if (c == '#')
            {
                var end = SkipTo(text, i, '\n');
                var line = text[i..end].Trim();
                if (line.StartsWith("#clear ", StringComparison.Ordinal))
                {
                    tokens.Add(line.TrimEnd(';').Trim());
                }

                i = end;
            }
            else if (c is '{' or '}' or ';')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                end = end < 0 ? text.Length : end + 1;
                tokens.Add(text[i..end]);
                i = end;
            }
            else
            {
                var builder = new StringBuilder();
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('{' or '}' or ';' or '"'))
                {
                    builder.Append(text[i++]);
                }

                tokens.Add(builder.ToString());
            }
        }

        return tokens;
    }

    private static int SkipTo(string text, int from, char c)
    {
        var end = text.IndexOf(c, from);
        return end < 0 ? text.Length : end;
    }
}
