using System.Text;
using Omg.Packages.Compression;
using Omg.Packages.Debian;
using Omg.Packages.Tests.Debian;
using Omg.Tests.Shared.Fuzzing;

namespace Omg.Packages.Tests.Fuzz;

/// <summary>
/// The dpkg/apt backend's fuzz targets, each one input in and the property checked (the CsCheck tests beside this
/// file run them on a fixed budget, the SharpFuzz harness in tests/Omg.Fuzz for longer). Bad data is the backend's
/// everyday input: the documented answer is a problem line, never an exception, so any exception fails a target.
/// </summary>
public static class PackagesFuzzTargets
{
    /// <summary>Separates the files of one <see cref="LoadRoot"/> input.</summary>
    public static readonly byte[] FileSeparator = "\0\0\0"u8.ToArray();

    /// <summary>The compressions <see cref="Decompress"/> picks from with the input's first byte.</summary>
    internal static readonly IndexCompression[] Compressions = [IndexCompression.Gzip, IndexCompression.Xz, IndexCompression.Lz4, IndexCompression.Zstd];

    private static readonly ThreadLocal<TempRoot> Roots = new(CreateRoot, trackAllValues: true);

    /// <summary>
    /// Any bytes read as deb822: the reader ends, every field it returns is a non-empty name and a value that are
    /// slices of the input where it says, and it never returns more fields than the input has lines.
    /// </summary>
    public static void Deb822(byte[] data)
    {
        var reader = new Deb822Reader(data);
        int lines = data.AsSpan().Count((byte)'\n') + 1;
        int fields = 0;
        int paragraphs = 0;
        while (reader.NextParagraph())
        {
            FuzzPropertyException.Unless(++paragraphs <= lines, "more paragraphs than lines");
            while (reader.NextField(out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value, out int offset))
            {
                FuzzPropertyException.Unless(++fields <= lines, "more fields than lines");
                FuzzPropertyException.Unless(!name.IsEmpty && name.IndexOf((byte)':') < 0, "a field name that is empty or holds a colon");
                FuzzPropertyException.Unless(offset >= 0 && offset + value.Length <= data.Length && data.AsSpan(offset, value.Length).SequenceEqual(value), "a value that is not the input at its offset");
            }
        }
    }

    /// <summary>Any dpkg status bytes, also read as extended_states: installed packages and problem lines, nothing thrown.</summary>
    public static void StatusFile(byte[] status)
    {
        var problems = new List<string>();
        List<FieldSpans> spans = StatusReader.ReadInstalled(status, "status", problems);
        _ = StatusReader.DpkgArchitecture(status, spans);
        _ = StatusReader.CommonestArchitecture(status, spans);
        var archs = new DebianArchitectures("amd64", ["i386"]);
        Dictionary<string, InstalledPackage> installed = StatusReader.Build(status, spans, archs, new NamePool(), "status", problems);
        FuzzPropertyException.Unless(installed.Count <= spans.Count, "more installed packages than installed paragraphs");
        StatusReader.ApplyExtendedStates(status, "extended_states", installed, archs, problems);
    }

    /// <summary>
    /// A whole root whose dpkg status, extended_states, one apt Packages list and its InRelease are the input's parts
    /// (split at <see cref="FileSeparator"/>): the load never throws, and every query omgd asks of it answers.
    /// </summary>
    public static void LoadRoot(byte[] input)
    {
        TempRoot root = Roots.Value!;
        byte[][] parts = Split(input, 4);
        File.WriteAllBytes(root.File(StatusPath), parts[0]);
        File.WriteAllBytes(root.File(ExtendedStatesPath), parts[1]);
        File.WriteAllBytes(root.File(PackagesPath), parts[2]);
        File.WriteAllBytes(root.File(InReleasePath), parts[3]);
        using DebianDatabase database = DebianDatabase.Load(root.Path, CancellationToken.None);
        _ = database.Upgradable();
        _ = database.Manual();
        _ = database.Orphans();
        foreach (InstalledPackage package in database.Installed.Values)
        {
            _ = database.CandidateVersion(package);
        }

        FuzzPropertyException.Unless(database.Records("apt").Length <= database.Installed.Count + database.Available.Count, "more records than packages");
    }

    /// <summary>
    /// The first byte picks one of <see cref="Compressions"/>, the rest is decoded by its P/Invoke decoder: the
    /// result is data or <see cref="InvalidDataException"/>, nothing else, and never more than the decoders' 1 GiB.
    /// </summary>
    public static void Decompress(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        IndexCompression compression = Compressions[input[0] % Compressions.Length];
        DecompressedData data;
        try
        {
            data = IndexDecompressor.Decode(compression, input.AsSpan(1));
        }
        catch (InvalidDataException)
        {
            return;
        }

        FuzzPropertyException.Unless(data.Length >= 0 && data.Length <= data.Buffer.Capacity, $"{compression}: {data.Length} bytes in a buffer of {data.Buffer.Capacity}");
        data.Return();
    }

    /// <summary>The input split at <see cref="FileSeparator"/> into exactly <paramref name="count"/> parts (the last keeps the rest).</summary>
    public static byte[][] Split(byte[] input, int count)
    {
        var parts = new byte[count][];
        ReadOnlySpan<byte> rest = input;
        for (int i = 0; i < count; i++)
        {
            int at = i == count - 1 ? -1 : rest.IndexOf(FileSeparator);
            parts[i] = (at < 0 ? rest : rest[..at]).ToArray();
            rest = at < 0 ? [] : rest[(at + FileSeparator.Length)..];
        }

        return parts;
    }

    /// <summary>The parts joined as <see cref="LoadRoot"/> splits them.</summary>
    public static byte[] Join(params byte[][] parts) => parts.Aggregate((a, b) => [.. a, .. FileSeparator, .. b]);

    internal const string StatusPath = "var/lib/dpkg/status";
    internal const string ExtendedStatesPath = "var/lib/apt/extended_states";
    internal const string PackagesPath = "var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages";
    internal const string InReleasePath = "var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease";

    // The basic fixture's root (sources, config, the other lists), one per thread, its fuzzed files overwritten per input.
    private static TempRoot CreateRoot()
    {
        TempRoot root = Fixtures.CopyRoot("basic");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => root.Dispose();
        return root;
    }

    /// <summary>The fixture files the mutations start from.</summary>
    internal static byte[] Fixture(string relative) => File.ReadAllBytes(Path.Combine(Fixtures.Root("basic"), relative));

    /// <summary>The basic root's main Packages list, decompressed.</summary>
    internal static byte[] FixturePackages()
    {
        DecompressedData data = IndexDecompressor.ReadAll(Path.Combine(Fixtures.Root("basic"), PackagesPath + ".lz4"));
        byte[] bytes = data.Span.ToArray();
        data.Return();
        return bytes;
    }

    internal static string Show(byte[] bytes) => Encoding.UTF8.GetString(bytes).Replace("\0\0\0", "\n<next file>\n", StringComparison.Ordinal);
}
