using Omg.Packages.Runtimes;

namespace Omg.Packages.Tests.Runtimes;

public sealed class GlobalPackageSourceTests : IDisposable
{
    private const string Home = "/home/u";
    private readonly FixtureTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private RuntimeDetectorOptions Options => new() { Root = _tree.Root, Home = Home, SearchPath = ["/usr/bin"] };

    [Fact]
    public void NpmReadsGlobalAndScopedPackagesOfEveryNode()
    {
        _tree.File("/usr/bin/node")
            .File("/usr/lib/node_modules/npm/package.json",
                """{"name":"npm","version":"11.1.0","description":"a package manager","homepage":"https://docs.npmjs.com/","license":"Artistic-2.0","dependencies":{"semver":"^7","tar":"^6"}}""")
            .File("/usr/lib/node_modules/@scope/tool/package.json", """{"name":"@scope/tool","version":"1.0.0","license":{"type":"MIT"}}""")
            .File("/usr/lib/node_modules/broken/package.json", "{ not json")
            .File("/usr/lib/node_modules/.bin/npm")
            .File(Home + "/.nvm/versions/node/v18.2.0/bin/node")
            .File(Home + "/.nvm/versions/node/v18.2.0/lib/node_modules/npm/package.json", """{"name":"npm","version":"9.0.0"}""")
            .File(Home + "/.nvm/versions/node/v18.2.0/lib/node_modules/left-pad/package.json", """{"name":"left-pad","version":"1.3.0"}""");
        var source = new NpmGlobalPackageSource(Options);

        var result = source.Load(CancellationToken.None);

        Assert.Equal("npm", source.Name);
        Assert.Equal(["@scope/tool:1.0.0", "npm:11.1.0", "left-pad:1.3.0"], result.Packages.Select(p => $"{p.Name}:{p.InstalledVersion}").ToArray());
        var npm = result.Packages.Single(p => p.Name == "npm");
        Assert.Equal(("npm", "a package manager", "https://docs.npmjs.com/", "npm-global:/usr/lib/node_modules"), (npm.Source, npm.Description, npm.Homepage, npm.Repo));
        Assert.Equal(["semver", "tar"], npm.Depends);
        Assert.True(npm.IsInstalled);
        Assert.Contains(result.Problems, p => p.Contains("broken/package.json"));
        Assert.Equal(["Artistic-2.0"], source.ReadLicenses(npm));
        Assert.Equal(["MIT"], source.ReadLicenses(result.Packages[0]));
        Assert.Contains(_tree.Host("/usr/lib/node_modules"), source.WatchPaths);
    }

    [Fact]
    public void PythonReadsDistInfoAndEggInfoOfEveryPython()
    {
        const string site = Home + "/.pyenv/versions/3.12.1/lib/python3.12/site-packages";
        _tree.File(Home + "/.pyenv/versions/3.12.1/bin/python3")
            .File($"{site}/requests-2.31.0.dist-info/METADATA", string.Join('\n',
                "Metadata-Version: 2.1", "Name: requests", "Version: 2.31.0", "Summary: Python HTTP for Humans.",
                "Home-page: https://requests.readthedocs.io", "License: Apache 2.0",
                "Requires-Dist: charset-normalizer (<4,>=2)", "Requires-Dist: idna<4,>=2.5", "Requires-Dist: PySocks!=1.5.7,>=1.5.6 ; extra == 'socks'",
                "", "Long body: ignored"))
            .File($"{site}/attrs-23.1.0.dist-info/METADATA", "Name: attrs\nVersion: 23.1.0\nLicense-Expression: MIT\nProject-URL: Homepage, https://www.attrs.org/\n")
            .File($"{site}/six-1.16.0.egg-info/PKG-INFO", "Name: six\nVersion: 1.16.0\nSummary: Py2/3 compat\nClassifier: License :: OSI Approved :: MIT License\n")
            .File($"{site}/old.egg-info", "Name: old\nVersion: 0.1\nLicense: line one\n        line two\n")
            .File($"{site}/nameless-1.0.dist-info/METADATA", "Version: 1.0\n")
            .File("/usr/bin/python3.11")
            .File("/usr/lib/python3/dist-packages/requests-2.28.1.egg-info/PKG-INFO", "Name: requests\nVersion: 2.28.1\n");
        var source = new PythonDistributionSource(Options);

        var result = source.Load(CancellationToken.None);

        Assert.Equal("pypi", source.Name);
        Assert.Equal(["requests:2.28.1", "attrs:23.1.0", "six:1.16.0", "old:0.1"],
            result.Packages.Select(p => $"{p.Name}:{p.InstalledVersion}").ToArray());
        Assert.Contains(result.Problems, p => p.Contains("nameless"));
        var attrs = result.Packages.Single(p => p.Name == "attrs");
        Assert.Equal(("https://www.attrs.org/", site), (attrs.Homepage, attrs.Repo));
        Assert.Equal(["MIT"], source.ReadLicenses(attrs));
        Assert.Equal(["MIT License"], source.ReadLicenses(result.Packages.Single(p => p.Name == "six")));
        Assert.Empty(source.ReadLicenses(result.Packages.Single(p => p.Name == "old")));
    }

    [Fact]
    public void PythonPrefersTheDefaultPython()
    {
        const string site = Home + "/.pyenv/versions/3.12.1/lib/python3.12/site-packages";
        _tree.File(Home + "/.pyenv/versions/3.12.1/bin/python3")
            .File($"{site}/requests-2.31.0.dist-info/METADATA", "Name: requests\nVersion: 2.31.0\nSummary: HTTP\nRequires-Dist: idna<4,>=2.5\nRequires-Dist: certifi\n")
            .File(Home + "/.pyenv/shims/python3").File(Home + "/.pyenv/version", "3.12.1\n")
            .File("/usr/bin/python3.11")
            .File("/usr/lib/python3/dist-packages/requests-2.28.1.egg-info/PKG-INFO", "Name: requests\nVersion: 2.28.1\n");
        var source = new PythonDistributionSource(new RuntimeDetectorOptions { Root = _tree.Root, Home = Home, SearchPath = [Home + "/.pyenv/shims", "/usr/bin"] });

        var requests = Assert.Single(source.Load(CancellationToken.None).Packages);

        Assert.Equal("2.31.0", requests.InstalledVersion);
        Assert.Equal(["idna", "certifi"], requests.Depends);
    }
}
