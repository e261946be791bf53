using System.Text;
using Omg.Packages.Debian;
using Omg.Packages.Tests.Debian;
using Omg.Tests.Shared.Fuzzing;
using Xunit.Abstractions;

namespace Omg.Packages.Tests.Fuzz;

/// <summary>
/// The deb822 reader, dpkg status, a whole root's status, lists and release files, and the four P/Invoke decompressors
/// under broken input, on a fixed budget and seed (docs/fuzzing.md).
/// </summary>
public sealed class PackagesFuzzTests(ITestOutputHelper output)
{
    private static readonly byte[] Status = PackagesFuzzTargets.Fixture(PackagesFuzzTargets.StatusPath);

    private static readonly byte[] ExtendedStates = PackagesFuzzTargets.Fixture(PackagesFuzzTargets.ExtendedStatesPath);

    private static readonly byte[] InRelease = PackagesFuzzTargets.Fixture(PackagesFuzzTargets.InReleasePath);

    private static readonly byte[] Packages = PackagesFuzzTargets.FixturePackages();

    [Fact]
    public void The_deb822_reader_ends_on_any_bytes_with_fields_that_are_slices_of_them()
    {
        FuzzCheck.Run("packages.deb822", ByteMutations.Of([Status, Packages, InRelease, ExtendedStates], 16 * 1024), PackagesFuzzTargets.Deb822, 20_000, output, PackagesFuzzTargets.Show);
    }

    [Fact]
    public void The_deb822_reader_gives_back_every_field_a_writer_laid_out()
    {
        FuzzCheck.Run(
            "packages.deb822-roundtrip",
            Deb822Gen.File,
            sample =>
            {
                var read = new List<(string Name, string Value)[]>();
                var reader = new Deb822Reader(sample.File);
                while (reader.NextParagraph())
                {
                    var fields = new List<(string, string)>();
                    while (reader.NextField(out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value, out _))
                    {
                        fields.Add((Encoding.UTF8.GetString(name), Encoding.UTF8.GetString(value)));
                    }

                    Assert.Null(reader.Error);
                    read.Add([.. fields]);
                }

                Assert.Equal(sample.Paragraphs, read);
            },
            5_000,
            output,
            sample => Encoding.UTF8.GetString(sample.File));
    }

    [Fact]
    public void A_broken_status_file_gives_packages_and_problems_never_an_exception()
    {
        FuzzCheck.Run("packages.status", ByteMutations.Of([Status, ExtendedStates], 16 * 1024), PackagesFuzzTargets.StatusFile, 10_000, output, PackagesFuzzTargets.Show);
    }

    [Fact]
    public void A_root_with_broken_status_lists_and_release_files_loads_and_answers_every_query()
    {
        // Each input rewrites four files of a private root and loads it whole: far slower than the in-memory targets.
        byte[] whole = PackagesFuzzTargets.Join(Status, ExtendedStates, Packages, InRelease);
        FuzzCheck.Run("packages.root", ByteMutations.Of([whole], 64 * 1024, maxMutations: 16), PackagesFuzzTargets.LoadRoot, 400, output, PackagesFuzzTargets.Show);
    }

    [Fact]
    public void Corrupted_gz_xz_lz4_and_zst_streams_decode_or_throw_InvalidDataException()
    {
        byte[][] samples = PackagesFuzzTargets.Compressions
            .Select((compression, i) => (byte[])[(byte)i, .. File.ReadAllBytes(Fixtures.Compression("sample.txt" + Extension(compression)))])
            .ToArray();
        FuzzCheck.Run("packages.decompress", ByteMutations.Of(samples, 4096), PackagesFuzzTargets.Decompress, 10_000, output, bytes => Convert.ToHexString(bytes));
    }

    private static string Extension(Compression.IndexCompression compression) => compression switch
    {
        Compression.IndexCompression.Gzip => ".gz",
        Compression.IndexCompression.Xz => ".xz",
        Compression.IndexCompression.Lz4 => ".lz4",
        _ => ".zst",
    };
}
