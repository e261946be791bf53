using System.Text;
using Omg.Daemon.Tests.Support;
using Omg.Packages.Tests.Debian;
using Omg.Protocol;
using Omg.Protocol.Messages;

namespace Omg.Daemon.Tests.EndToEnd;

/// <summary>
/// Search's additive <c>offset</c>: every match of a query with more matches than one page can hold (the limit's
/// maximum is 1,000) is reachable in pages, each match once, in the ranked order of a single search.
/// </summary>
public sealed class SearchPagingTests
{
    private const int Packages = 1_300;

    [Fact]
    public async Task Pages_of_any_size_read_every_match_once_in_rank_order()
    {
        using TempRoot root = WriteRoot();
        await using BackendDaemon daemon = await BackendDaemon.StartAsync(root.Path);
        await using RawConnection connection = await daemon.ConnectAsync();

        List<string> byThousand = await ReadAllAsync(connection, 1000);
        List<string> by300 = await ReadAllAsync(connection, 300);

        // lib-* names, then the packages that mention libraries only in their description.
        Assert.Equal(Packages + (Packages / 10), byThousand.Count);
        Assert.Equal(byThousand, by300);
        Assert.Equal(byThousand.Count, byThousand.Distinct(StringComparer.Ordinal).Count());
        Assert.StartsWith("lib-", byThousand[0], StringComparison.Ordinal);
        Assert.StartsWith("tool-", byThousand[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_with_the_true_total_and_a_huge_offset_is_refused()
    {
        using TempRoot root = WriteRoot();
        await using BackendDaemon daemon = await BackendDaemon.StartAsync(root.Path);
        await using RawConnection connection = await daemon.ConnectAsync();

        SearchResult past = Assert.IsType<SearchResult>(Assert.IsType<SuccessResponse>(await connection.CallAsync(new SearchRequest(1, "lib", 10, Offset: 50_000))).Result);
        Assert.Empty(past.Packages);
        Assert.Equal((ulong)(Packages + (Packages / 10)), past.Total);

        var refused = Assert.IsType<ErrorResponse>(await connection.CallAsync(new SearchRequest(2, "lib", 10, Offset: ulong.MaxValue)));
        Assert.Equal(ErrorCodes.InvalidParams, refused.Code);
        Assert.StartsWith("offset:", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<List<string>> ReadAllAsync(RawConnection connection, ulong pageSize)
    {
        var names = new List<string>();
        ulong total = ulong.MaxValue;
        for (ulong offset = 0; offset < total; offset += pageSize)
        {
            var page = Assert.IsType<SearchResult>(Assert.IsType<SuccessResponse>(await connection.CallAsync(new SearchRequest(1, "lib", pageSize, Offset: offset))).Result);
            Assert.True(total == ulong.MaxValue || page.Total == total, "the total changed between pages");
            total = page.Total;
            Assert.Equal((int)Math.Min(pageSize, total - offset), page.Packages.Count);
            names.AddRange(page.Packages.Select(p => p.Name));
        }

        return names;
    }

    // A dpkg status of Packages lib-NNNN packages and one tool-NNN in ten that only mentions "library".
    internal static TempRoot WriteRoot()
    {
        var root = new TempRoot();
        var status = new StringBuilder();
        for (int i = 0; i < Packages; i++)
        {
            status.Append($"Package: lib-{i:D4}\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0-{i}\nDescription: generated package {i}\n\n");
            if (i % 10 == 0)
            {
                status.Append($"Package: tool-{i:D4}\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.0\nDescription: uses a library\n\n");
            }
        }

        string dpkg = Path.Combine(root.Path, "var", "lib", "dpkg");
        Directory.CreateDirectory(dpkg);
        File.WriteAllText(Path.Combine(dpkg, "status"), status.ToString());
        return root;
    }
}
