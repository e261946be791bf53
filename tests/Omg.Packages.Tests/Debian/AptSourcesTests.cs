using System.Diagnostics;
using Omg.Packages.Debian;

namespace Omg.Packages.Tests.Debian;

/// <summary>Which lists apt reads, from its sources: checked against apt's own names and its choices.</summary>
public sealed class AptSourcesTests
{
    [Theory]
    [InlineData("http://deb.debian.org/debian", "dists/bookworm/main/", "deb.debian.org_debian_dists_bookworm_main_")]
    [InlineData("https://deb.debian.org/debian/", "dists/bookworm-security/main/", "deb.debian.org_debian_dists_bookworm-security_main_")]
    [InlineData("http://user:secret@mirror.example:8080/debian", "dists/sid/main/", "mirror.example:8080_debian_dists_sid_main_")]
    [InlineData("http://example.org/~me/my_repo", "dists/x/main/", "example.org_%7eme_my%5frepo_dists_x_main_")]
    [InlineData("file:/srv/repo", "dists/local/main/", "_srv_repo_dists_local_main_")]
    [InlineData("file:///srv/repo", "dists/local/main/", "_srv_repo_dists_local_main_")]
    [InlineData("tor+https://onion.example/debian", "dists/bookworm/contrib/", "onion.example_debian_dists_bookworm_contrib_")]
    public void List_names_are_derived_from_the_uri_as_apt_derives_them(string uri, string path, string expected) =>
        Assert.Equal(expected, AptSources.FileNamePrefix(uri, path));

    [Theory]
    [InlineData("cdrom:[Debian GNU/Linux 12]/")]
    [InlineData("mirror+http://mirrors.example/list")]
    [InlineData("not a uri")]
    public void Methods_whose_list_names_are_not_known_here_give_no_prefix(string uri) =>
        Assert.Null(AptSources.FileNamePrefix(uri, "dists/x/main/"));

    [Fact]
    public void One_line_and_deb822_entries_decide_which_lists_count()
    {
        using var root = new TempRoot();
        Write(root, "etc/apt/sources.list", """
            # a comment, then a source line apt skips for binary lists
            deb-src http://deb.debian.org/debian bookworm main
            debx http://typo.example/debian bookworm main
            deb [arch=amd64 signed-by=/usr/share/keyrings/x.gpg] http://deb.debian.org/debian bookworm main contrib # trailing comment
            """);
        Write(root, "etc/apt/sources.list.d/extra.sources", """
            Types: deb deb-src
            URIs: http://example.org/repo
            Suites: one two
            Components: main
            Architectures: amd64 i386

            Types: deb
            URIs: http://disabled.example/repo
            Suites: gone
            Components: main
            Enabled: no

            Types: deb
            URIs: http://flat.example/files
            Suites: ./
            """);
        Write(root, "etc/apt/sources.list.d/leftover.list.save", "deb http://saved.example/repo old main\n");
        Write(root, "etc/apt/sources.list.d/noextension", "deb http://noext.example/repo old main\n");

        var problems = new List<string>();
        var sources = AptSources.Load(root.Path, problems)!;

        Assert.Empty(problems);
        Assert.True(sources.Covers("deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages"));
        Assert.True(sources.Covers("deb.debian.org_debian_dists_bookworm_contrib_binary-amd64_Packages"));
        Assert.True(sources.Covers("deb.debian.org_debian_dists_bookworm_main_i18n_Translation-en"));
        Assert.False(sources.Covers("deb.debian.org_debian_dists_bookworm_main_binary-i386_Packages")); // arch=amd64
        Assert.False(sources.Covers("deb.debian.org_debian_dists_bookworm_non-free_binary-amd64_Packages"));
        Assert.False(sources.Covers("deb.debian.org_debian_dists_bullseye_main_binary-amd64_Packages"));
        Assert.True(sources.Covers("example.org_repo_dists_one_main_binary-i386_Packages"));
        Assert.True(sources.Covers("example.org_repo_dists_two_main_binary-amd64_Packages"));
        Assert.False(sources.Covers("example.org_repo_dists_three_main_binary-amd64_Packages"));
        Assert.False(sources.Covers("disabled.example_repo_dists_gone_main_binary-amd64_Packages"));
        Assert.True(sources.Covers("flat.example_files_._Packages"));
        Assert.False(sources.Covers("saved.example_repo_dists_old_main_binary-amd64_Packages"));
        Assert.False(sources.Covers("noext.example_repo_dists_old_main_binary-amd64_Packages"));
        Assert.False(sources.Covers("typo.example_debian_dists_bookworm_main_binary-amd64_Packages"));
    }

    [Fact]
    public void Without_sources_or_with_an_unknown_method_every_list_is_read()
    {
        using var root = new TempRoot();
        Assert.Null(AptSources.Load(root.Path, []));

        Write(root, "etc/apt/sources.list", "deb http://deb.debian.org/debian bookworm main\ndeb cdrom:[Debian 12]/ bookworm main\n");
        Assert.Null(AptSources.Load(root.Path, []));
    }

    [Fact]
    public void On_this_machine_the_lists_read_are_the_ones_apt_get_indextargets_names()
    {
        const string lists = "/var/lib/apt/lists";
        if (!AptOracle.Available || !Directory.Exists(lists))
        {
            return; // not an apt system: nothing to compare against
        }

        using var indextargets = Process.Start(new ProcessStartInfo("apt-get", ["indextargets", "--format", "$(FILENAME)"]) { RedirectStandardOutput = true })!;
        var apt = indextargets.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(Path.GetFileName).OfType<string>()
            .Where(name => name.Contains("_Packages", StringComparison.Ordinal) || name.Contains("_i18n_Translation-", StringComparison.Ordinal))
            .Select(BaseName).Order(StringComparer.Ordinal).ToList();
        indextargets.WaitForExit();

        var problems = new List<string>();
        var sources = AptSources.Load("/", problems);
        Assert.NotNull(sources);
        var ours = ListFile.Discover(lists, problems, sources).Select(f => BaseName(Path.GetFileName(f.Path))).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(ours);
        Assert.Equal(apt, ours);
    }

    [Fact]
    public void A_list_left_behind_by_a_removed_repository_supplies_no_candidate_as_with_apt()
    {
        using var root = Fixtures.CopyRoot("outdated");
        var before = DebianDatabase.Load(root.Path, CancellationToken.None);
        Assert.DoesNotContain("dash", before.Upgradable());

        // trixie is in no sources entry of this root: apt update would have deleted the list; until then apt ignores it.
        File.WriteAllText(root.File("var/lib/apt/lists/deb.debian.org_debian_dists_trixie_main_binary-amd64_Packages"), """
            Package: dash
            Version: 0.5.99-1
            Architecture: amd64
            Multi-Arch: foreign
            Description: a newer dash from a repository no longer configured

            """);
        var database = DebianDatabase.Load(root.Path, CancellationToken.None);
        using var apt = new AptOracle(root.Path);

        Assert.DoesNotContain("dash", database.Upgradable());
        Assert.Equal(apt.Upgradable(), database.Upgradable());
    }

    [Fact]
    public void Sources_without_a_deb_entry_supply_no_candidate_as_with_apt()
    {
        using var root = Fixtures.CopyRoot("outdated");
        Assert.NotEmpty(DebianDatabase.Load(root.Path, CancellationToken.None).Upgradable());

        // Every binary source commented out, one deb-src left: apt reads no Packages list at all.
        File.WriteAllText(root.File("etc/apt/sources.list"), """
            # deb [trusted=yes arch=amd64,i386] http://deb.debian.org/debian bookworm main
            deb-src http://deb.debian.org/debian bookworm main

            """);
        var sources = AptSources.Load(root.Path, []);
        Assert.NotNull(sources);
        Assert.False(sources.Covers("deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages"));

        var database = DebianDatabase.Load(root.Path, CancellationToken.None);
        using var apt = new AptOracle(root.Path);
        Assert.Empty(database.Upgradable());
        Assert.Equal(apt.Upgradable(), database.Upgradable());
    }

    private static string BaseName(string name)
    {
        var packages = name.LastIndexOf("_Packages", StringComparison.Ordinal);
        if (packages >= 0)
        {
            return name[..(packages + "_Packages".Length)];
        }

        var dot = name.IndexOf('.', name.LastIndexOf("_i18n_Translation-", StringComparison.Ordinal));
        return dot < 0 ? name : name[..dot];
    }

    private static void Write(TempRoot root, string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(root.File(relative))!);
        File.WriteAllText(root.File(relative), text);
    }
}
