using System.Text;
using CsCheck;

namespace Omg.Packages.Tests.Fuzz;

/// <summary>Well-formed deb822 files as a writer would lay them out: paragraphs of fields, folded values, blank lines between.</summary>
internal static class Deb822Gen
{
    private static readonly Gen<char> NameChar = Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-"];

    private static readonly Gen<string> Name = Gen.Select(Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ"], NameChar.Array[0, 12], (first, rest) => first + new string(rest));

    // Text that neither starts nor ends with blanks, so the reader's trimming leaves it as it is.
    private static readonly Gen<string> Word = Gen.Char["abcxyz019.:,()<>=~+-_/|éü€#\"' \t"].Array[0, 30]
        .Select(chars => new string(chars).Trim(' ', '\t'))
        .Where(text => text.Length > 0);

    private static readonly Gen<(string Name, string[] Lines)> Field =
        Gen.Select(Name, Gen.Frequency((4, Word), (1, Gen.Const(string.Empty))), Word.Array[0, 4], (name, first, more) => (name, (string[])[first, .. more]));

    /// <summary>Paragraphs of fields (their values' lines) and the file that holds them.</summary>
    public static readonly Gen<((string Name, string Lines)[][] Paragraphs, byte[] File)> File =
        Gen.Select(Field.Array[1, 8].Array[0, 6], Gen.Int[1, 3], Gen.Bool, (paragraphs, blanks, endsWithNewline) =>
        {
            var text = new StringBuilder();
            var expected = new (string Name, string Value)[paragraphs.Length][];
            for (int p = 0; p < paragraphs.Length; p++)
            {
                if (p > 0)
                {
                    text.Append('\n', blanks);
                }

                expected[p] = new (string, string)[paragraphs[p].Length];
                for (int f = 0; f < paragraphs[p].Length; f++)
                {
                    (string name, string[] lines) = paragraphs[p][f];
                    string value = string.Join("\n", lines.Select((line, i) => i == 0 ? line : " " + line));
                    text.Append(name).Append(": ").Append(value).Append('\n');
                    expected[p][f] = (name, value);
                }
            }

            if (!endsWithNewline && text.Length > 0)
            {
                text.Length--;
            }

            return (expected, Encoding.UTF8.GetBytes(text.ToString()));
        });
}
