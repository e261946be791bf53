using System.Runtime.InteropServices;
using Omg.Packages.Debian;

namespace Omg.Packages.Tests.Debian;

/// <summary>
/// apt matches glob patterns in preferences with the C library's fnmatch (case-folded), so glibc itself is the
/// oracle for globs here: brackets, negation, ranges, escapes and unclosed brackets included.
/// </summary>
public sealed class AptPatternTests
{
    private const int FnmCaseFold = 1 << 4;

    public static TheoryData<string, string> Globs()
    {
        string[] patterns =
        [
            "vim*", "*ssl*", "lib?ssl3", "python3.1[01]", "python3.[0-9]", "libc[!6]", "libc[^6]", "x[]]y", "x[!]]y",
            "a\\*b", "a\\?b", "a\\[b]", "[", "abc[", "a[bc", "[a-c]*", "[!a-c]*", "*-dev", "*.*", "VIM", "Lib*",
            "linux-image-[0-9]*", "fonts-*-extra", "[[]x", "a[-b]c", "a[b-]c", "\\\\x",
        ];
        string[] values =
        [
            "vim", "vim-tiny", "libssl3", "openssl", "libxssl3", "python3.10", "python3.11", "python3.12", "python3.9",
            "libc6", "libc7", "libcx", "x]y", "xay", "a*b", "aab", "a?b", "a[b]", "[", "abc[", "a[bc", "bash", "zsh",
            "libfoo-dev", "a.b", "VIM", "LibFoo", "linux-image-6.1.0-13-amd64", "fonts-noto-extra", "[x", "a-c", "abc", "\\x",
        ];
        var data = new TheoryData<string, string>();
        foreach (string pattern in patterns)
        {
            foreach (string value in values)
            {
                data.Add(pattern, value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Globs))]
    public void Globs_match_as_glibc_fnmatch_with_case_folding(string pattern, string value)
    {
        bool expected = FnMatch(pattern, value, FnmCaseFold) == 0;
        Assert.True(expected == AptPattern.Matches(pattern, value), $"'{pattern}' vs '{value}': fnmatch says {expected}");
    }

    [Theory]
    [InlineData("/^vim/", "vim-tiny", true)]
    [InlineData("/^VIM$/", "vim", true)]
    [InlineData("/ssl[0-9]$/", "libssl3", true)]
    [InlineData("/ssl[0-9]$/", "openssl", false)]
    [InlineData("/(/", "anything", false)]
    public void Slashes_make_a_case_insensitive_regular_expression_and_a_bad_one_matches_nothing(string pattern, string value, bool matches)
    {
        Assert.Equal(matches, AptPattern.Matches(pattern, value));
    }

    [Theory]
    [InlineData("vim", false)]
    [InlineData("vim*", true)]
    [InlineData("lib?", true)]
    [InlineData("a[bc]", true)]
    [InlineData("/x/", true)]
    [InlineData("/", false)]
    public void Only_wildcards_and_slashes_make_a_pattern(string text, bool isPattern)
    {
        Assert.Equal(isPattern, AptPattern.IsPattern(text));
    }

    [DllImport("libc", EntryPoint = "fnmatch")]
    private static extern int FnMatch([MarshalAs(UnmanagedType.LPUTF8Str)] string pattern, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int flags);
}
