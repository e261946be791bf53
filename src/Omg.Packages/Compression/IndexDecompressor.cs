namespace Omg.Packages.Compression;

/// <summary>Reads an index file whole and decodes it according to its suffix.</summary>
internal static class IndexDecompressor
{
    /// <summary>
    /// The compression a file name implies. Only the last <c>_</c>-separated part of the name counts, because
    /// apt's list names carry the host name (<c>deb.debian.org_..._Packages</c>).
    /// </summary>
    public static IndexCompression FromFileName(ReadOnlySpan<char> fileName)
    {
        var lastPart = fileName[(fileName.LastIndexOfAny('/', '_') + 1)..];
        var dot = lastPart.LastIndexOf('.');
        if (dot < 0)
        {
            return IndexCompression.None;
        }

        fileName = lastPart;

        return fileName[(dot + 1)..] switch
        {
            "gz" => IndexCompression.Gzip,
            "xz" => IndexCompression.Xz,
            "lz4" => IndexCompression.Lz4,
            "zst" => IndexCompression.Zstd,
            _ => IndexCompression.Unknown,
        };
    }

    /// <summary>
    /// The decompressed content of <paramref name="path"/>. Throws <see cref="InvalidDataException"/> for
    /// corrupt or truncated data, <see cref="NotSupportedException"/> for unknown compression and the usual I/O
    /// exceptions; callers turn all of them into problems.
    /// </summary>
    public static DecompressedData ReadAll(string path)
    {
        var compression = FromFileName(path);
        if (compression == IndexCompression.Unknown)
        {
            throw new NotSupportedException("unsupported compression " + Path.GetExtension(path));
        }

        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(file);
        if (length > int.MaxValue / 2)
        {
            throw new InvalidDataException("file too large for an index");
        }

        var raw = DecodeBuffers.Rent((int)Math.Max(length, 1));
        var read = 0;
        while (read < length && RandomAccess.Read(file, raw.Span[read..(int)length], read) is var n and > 0)
        {
            read += n;
        }

        if (compression == IndexCompression.None)
        {
            return new DecompressedData(raw, read);
        }

        try
        {
            return Decode(compression, raw.Span[..read]);
        }
        finally
        {
            DecodeBuffers.Return(raw);
        }
    }

    /// <summary>Decodes bytes already in memory into a pooled buffer.</summary>
    public static DecompressedData Decode(IndexCompression compression, ReadOnlySpan<byte> raw) => compression switch
    {
        IndexCompression.None => Copy(raw),
        IndexCompression.Gzip => GzipDecoder.Decompress(raw),
        IndexCompression.Xz => XzDecoder.Decompress(raw),
        IndexCompression.Lz4 => Lz4Decoder.Decompress(raw),
        IndexCompression.Zstd => ZstdDecoder.Decompress(raw),
        _ => throw new NotSupportedException("unsupported compression " + compression),
    };

    private static DecompressedData Copy(ReadOnlySpan<byte> raw)
    {
        var buffer = DecodeBuffers.Rent(raw.Length);
        raw.CopyTo(buffer.Span);
        return new DecompressedData(buffer, raw.Length);
    }
}
