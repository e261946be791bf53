using System.IO.Compression;

namespace Omg.Packages.Compression;

/// <summary>Decodes gzip with the BCL's zlib-backed <see cref="GZipStream"/>.</summary>
internal static class GzipDecoder
{
    /// <summary>Decompresses a whole .gz file; throws <see cref="InvalidDataException"/> when it is truncated or corrupt.</summary>
    public static DecompressedData Decompress(byte[] input, int length)
    {
        var output = new OutputBuffer(length);
        using var gzip = new GZipStream(new MemoryStream(input, 0, length, writable: false), CompressionMode.Decompress);
        while (true)
        {
            var read = gzip.Read(output.Free);
            if (read == 0)
            {
                break;
            }

            output.Advance(read);
        }

        return output.ToData();
    }
}
