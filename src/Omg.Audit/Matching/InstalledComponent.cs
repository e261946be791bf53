namespace Omg.Audit.Matching;

/// <summary>One installed thing an advisory can name.</summary>
/// <param name="Package">The package as installed (a Debian binary package, an npm or PyPI name).</param>
/// <param name="Version">Its installed version.</param>
/// <param name="AdvisoryName">The name advisories use: the Debian source package, else the package itself.</param>
/// <param name="AdvisoryVersion">The version advisories compare: the source version for Debian, else <paramref name="Version"/>.</param>
/// <param name="Kind">Which advisories apply: <c>distro</c> (the release's ecosystem), <c>npm</c> or <c>PyPI</c>.</param>
public sealed record InstalledComponent(string Package, string Version, string AdvisoryName, string AdvisoryVersion, string Kind)
{
    /// <summary>The kind of dpkg packages, matched against the root's release.</summary>
    public const string Distro = "distro";
}
