using Omg.Packages.Tests.Debian;

namespace Omg.Packages.Tests.Index;

/// <summary>The real-corpus helper reads every form apt keeps its lists in, not only the one this VM has.</summary>
public sealed class AptCorpusTests
{
    [Theory]
    [InlineData("sample.txt")]
    [InlineData("sample.txt.gz")]
    [InlineData("sample.txt.xz")]
    [InlineData("sample.txt.zst")]
    [InlineData("sample.txt.lz4")]
    public void ReadsEveryListCompression(string file)
    {
        Assert.Equal(File.ReadAllText(Fixtures.Compression("sample.txt")), AptCorpus.ReadText(Fixtures.Compression(file)));
    }

    [Fact]
    public void FindsListsWhateverTheirCompression()
    {
        var root = Directory.CreateTempSubdirectory("omg-corpus-");
        try
        {
            Lists(root.FullName);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void AFailingDecompressorIsAnErrorNotAnEmptyList()
    {
        var root = Directory.CreateTempSubdirectory("omg-corpus-");
        try
        {
            var broken = Path.Combine(root.FullName, "x_Packages.xz");
            File.WriteAllText(broken, "not xz at all");
            var error = Assert.Throws<InvalidOperationException>(() => AptCorpus.ReadText(broken));
            Assert.Contains("xz -dc", error.Message);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static void Lists(string directory)
    {
        string[] names = ["a_Packages", "b_Packages.gz", "c_Packages.xz", "d_Packages.zst", "e_Packages.lz4", "f_Packages.bz2", "g_Translation-en", "h_Packages.diff_Index"];
        foreach (var name in names)
        {
            File.WriteAllText(Path.Combine(directory, name), string.Empty);
        }

        Assert.Equal(names[..5], AptCorpus.ListFiles(directory).Select(Path.GetFileName).ToArray());
    }
}
