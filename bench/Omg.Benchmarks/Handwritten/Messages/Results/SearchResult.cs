using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>The answer to Search: the seed's <c>SearchResult{packages, total}</c>.</summary>
/// <param name="Packages">The best-ranked hits, at most the request's limit.</param>
/// <param name="Total">How many packages matched in all, beyond the limit too.</param>
public sealed record SearchResult(IReadOnlyList<PackageInfo> Packages, ulong Total) : ResponseResult
{
    private static readonly StructFields Fields = new(nameof(SearchResult), 2, "packages", "total");

    /// <inheritdoc />
    public override string Variant => "Search";

    internal static SearchResult ReadValue(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        PackageInfo[] packages = [];
        ulong total = 0;
        for (int i = 0; i < count; i++)
        {
            switch (Fields.Next(ref reader, ref seen))
            {
                case 0:
                    int n = reader.ReadArrayHeader();
                    reader.EnterNested();
                    packages = new PackageInfo[n];
                    for (int j = 0; j < n; j++)
                    {
                        packages[j] = PackageInfo.Read(ref reader);
                    }

                    reader.LeaveNested();
                    break;
                case 1:
                    total = reader.ReadUInt64();
                    break;
            }
        }

        Fields.RequireAll(seen, start);
        return new SearchResult(packages, total);
    }

    /// <inheritdoc />
    private protected override void WriteValue(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(2);
        writer.WriteStringUtf8("packages"u8);
        writer.WriteArrayHeader(Packages.Count);
        for (int i = 0; i < Packages.Count; i++)
        {
            Packages[i].Write(ref writer);
        }

        writer.WriteStringUtf8("total"u8);
        writer.WriteUInt64(Total);
    }
}
